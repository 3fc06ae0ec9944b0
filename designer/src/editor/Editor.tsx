import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useStore } from '../store';
import { Canvas } from './Canvas';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { SimulatePanel } from '../simulate/SimulatePanel';
import { SimulateToggle } from '../simulate/SimulateToggle';
import { useAddStep } from './useAddStep';
import { useLiveValidation } from './useLiveValidation';
import { flushLocalDraft, useAutosave } from './autosave';

/** The journey editor: palette, canvas with the problems below it, inspector. */
export function Editor() {
  return (
    <ReactFlowProvider>
      <EditorLayout />
    </ReactFlowProvider>
  );
}

function EditorLayout() {
  const pane = useRef<HTMLDivElement>(null);
  const addStep = useAddStep(pane);
  useLiveValidation();
  useAutosave();
  useWarnBeforeLeaving();
  const simulating = useStore((s) => s.simulateOpen);

  return (
    <main className={`editor ${simulating ? 'is-simulating' : ''}`}>
      <Palette onAdd={addStep} />
      <div className="editor-centre">
        <SimulateToggle />
        <Canvas pane={pane} onDropStep={addStep} />
        <ProblemsPanel />
      </div>
      <Inspector />
      {simulating && <SimulatePanel />}
    </main>
  );
}

/** Closing the tab asks first only if its unsaved changes could not be kept in the browser (editor/drafts.ts). */
function useWarnBeforeLeaving(): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (useStore.getState().dirty && !flushLocalDraft()) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
