import { Panel, useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portsOf } from '../model/registry';
import type { StepNode } from '../model/types';
import { useStore } from '../store';
import { copySelection, cutSelection, duplicateSelection, pasteClipboard } from './clipboard';
import './editing.css';
import { layoutPositions } from './layout';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './shortcuts';

const FIT = { padding: 0.2, maxZoom: 1, duration: 200 };

/**
 * Undo, redo, tidy-up and the shortcut list, floating on the canvas (inside React Flow, so it can
 * fit the view), and the keyboard shortcuts that go with them.
 */
export function EditingToolbar() {
  const { t } = useTranslation();
  const { fitView } = useReactFlow();
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  const hasSteps = useStore((s) => s.nodes.length > 0);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const [help, setHelp] = useState(false);
  const [laying, setLaying] = useState(false);

  const tidy = useCallback(async () => {
    const { nodes, edges, nodeTypes } = useStore.getState();
    if (nodes.length === 0) return;
    setLaying(true);
    try {
      const ports = (n: StepNode) => portsOf(n.data.nodeType, n.data.config, nodeTypes[n.data.nodeType]?.ports ?? []);
      const positions = await layoutPositions(nodes, edges, ports);
      useStore.getState().setPositions(positions);
      useStore.getState().setNotice({ kind: 'info', key: 'editing.laidOut' });
      // After React Flow has the new positions.
      requestAnimationFrame(() => void fitView(FIT));
    } catch (e) {
      useStore.getState().setNotice({ kind: 'error', key: 'notice.failed', params: { message: e instanceof Error ? e.message : String(e) } });
    } finally {
      setLaying(false);
    }
  }, [fitView]);

  // Text selected on the page (say, in the inspector's description) copies as text.
  const textSelected = () => (window.getSelection()?.toString() ?? '') !== '';
  useShortcuts({
    undo,
    redo,
    copy: () => (textSelected() ? false : void copySelection()),
    cut: () => void cutSelection(),
    paste: () => void pasteClipboard(),
    duplicate: duplicateSelection,
    selectAll: () => useStore.getState().selectAll(),
    fitView: () => void fitView(FIT),
    layout: () => void tidy(),
    help: () => setHelp((h) => !h),
  });

  return (
    <Panel position="top-left" className="editing-toolbar" aria-label={t('editing.toolbarLabel')} data-testid="editing-toolbar">
      <button type="button" className="btn btn-small" disabled={!canUndo} onClick={undo} title={`${t('editing.undo')} (Ctrl+Z)`} data-testid="undo">
        ↶ {t('editing.undo')}
      </button>
      <button type="button" className="btn btn-small" disabled={!canRedo} onClick={redo} title={`${t('editing.redo')} (Ctrl+Shift+Z)`} data-testid="redo">
        ↷ {t('editing.redo')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={!hasSteps || laying}
        onClick={() => void tidy()}
        title={t('editing.layoutTitle')}
        data-testid="auto-layout"
      >
        {t('editing.layout')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setHelp(true)}
        title={t('editing.help')}
        aria-label={t('editing.help')}
        data-testid="shortcuts-help"
      >
        ?
      </button>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </Panel>
  );
}
