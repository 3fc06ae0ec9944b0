import type { WidgetProps } from '@rjsf/utils';
import { useLayoutEffect, useRef } from 'react';
import { currentLocale } from '../../i18n';
import { insertVariable } from '../../model/template-edit';
import { useStore } from '../../store';
import { TemplatePreviewPane } from './TemplatePreviewPane';
import { VariablePicker } from './VariablePicker';
import './message.css';

type Channel = 'sms' | 'email' | 'task';

/** What the config form passes every widget: the step the form edits. */
export interface ConfigFormContext {
  nodeId: string;
}

/**
 * The message editor, for any string field whose schema says `format: 'template'`: the text, a
 * variable picker inserting `{{customer.name}}` etc. at the caret, and a live preview. The step's
 * own `channel` (message.send) decides how it is previewed; a field without one (a task's note, a
 * plugin's text) is previewed as plain text.
 */
export function TemplateWidget({ id, name, value, onChange, disabled, readonly, registry }: WidgetProps<string>) {
  const nodeId = (registry.formContext as ConfigFormContext | undefined)?.nodeId;
  const channelValue = useStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.config.channel);
  // A marketing SMS (not transactional) goes out with the shop's opt-out text: the preview counts it.
  const transactional = useStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.config.transactional);
  // How the channel previews (engine/channels): an SMS counts its parts, an email renders HTML, anything else is plain text.
  const preview = useStore((s) => s.channels.find((c) => c.key === channelValue)?.preview);
  const channel: Channel = preview === 'sms' || preview === 'email' ? preview : 'task';
  const text = typeof value === 'string' ? value : '';
  const area = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);

  // After an insertion has come back through the store, put the caret after the variable.
  useLayoutEffect(() => {
    if (caret.current === null || !area.current) return;
    area.current.focus();
    area.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [text]);

  const insert = (path: string) => {
    const el = area.current;
    const next = insertVariable(text, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length, path);
    caret.current = next.caret;
    onChange(next.text);
  };
  const locked = disabled || readonly;

  return (
    <div className="message-editor" data-testid={`message-editor-${name}`} data-channel={channel}>
      <div className="message-editor-bar">
        <VariablePicker onPick={insert} disabled={locked} />
      </div>
      <textarea
        id={id}
        ref={area}
        rows={channel === 'sms' ? 4 : 7}
        value={text}
        disabled={locked}
        spellCheck={false}
        data-testid="template-text"
        // Emptied, it stays an empty text, which the engine reports as a message to write.
        onChange={(e) => onChange(e.target.value)}
      />
      <TemplatePreviewPane template={text} channel={channel} locale={currentLocale()} optOut={channel === 'sms' && transactional !== true} />
    </div>
  );
}
