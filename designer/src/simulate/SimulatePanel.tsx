import './simulate.css';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulationResult } from '../../../engine/simulate/simulate';
import { ApiError } from '../api/http';
import { useStepTitles } from '../editor/useStepTitles';
import { currentLocale } from '../i18n';
import { flowToJourney } from '../model/convert';
import { portLabelsOf, portsOf } from '../model/registry';
import { useStore } from '../store';
import { simulateApi } from './api';
import { CustomerPicker, emptyCustomer } from './CustomerPicker';
import { EventsEditor, newEvent, sampleData } from './EventsEditor';
import { formatClock } from './format';
import { buildRequest, displayZone, localInputValue, type CustomerChoice, type EventDraft, type FieldError } from './request';
import { Timeline } from './Timeline';
import { buildTimeline, simulationPath, type TimelineEntry } from './timeline';

interface Played {
  entries: TimelineEntry[];
  start: string;
  zone: string;
}

/**
 * The simulate drawer beside the inspector: who, which events when, from when; play runs the
 * CURRENT document (unsaved edits included) through POST /api/simulate and shows the timeline,
 * lighting the path on the canvas. Any edit to the document, or closing, clears the result: it
 * would describe a journey that is no longer on screen.
 */
export function SimulatePanel() {
  const { t } = useTranslation();
  const meta = useStore((s) => s.meta);
  const setOpen = useStore((s) => s.setSimulateOpen);
  const setSimulation = useStore((s) => s.setSimulation);
  const selectNode = useStore((s) => s.selectNode);
  const { getNode, setCenter, getZoom, fitView } = useReactFlow();
  const journeyZone = meta?.settings.timezone ?? 'Asia/Shanghai';

  const [choice, setChoice] = useState<CustomerChoice>(() => ({ kind: 'made-up', draft: emptyCustomer(journeyZone) }));
  const [events, setEvents] = useState<EventDraft[]>(() => {
    const type = triggerEventType() ?? 'order.created';
    return [newEvent(type, '+0', sampleData(type))];
  });
  const zone = meta ? displayZone(choice, meta) : journeyZone;
  const [start, setStart] = useState(() => localInputValue(Date.now(), zone));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [played, setPlayed] = useState<Played | null>(null);
  const timelineRef = useRef<HTMLDivElement>(null);

  // The timeline is below the form: bring it into view when an answer arrives.
  useEffect(() => {
    if (played) timelineRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [played]);

  // The drawer narrows the canvas: fit the journey into what is left, so the path can be seen whole.
  useEffect(() => {
    const timer = setTimeout(() => void fitView({ padding: 0.15, maxZoom: 1, duration: 200 }), 50);
    return () => clearTimeout(timer);
  }, [fitView]);

  // A changed document makes the result stale; leaving the panel takes the path off the canvas.
  useEffect(() => {
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.revision !== prev.revision || s.opened !== prev.opened) {
        setPlayed(null);
        if (s.simulation) s.setSimulation(null);
      }
    });
    return () => {
      unsubscribe();
      useStore.getState().setSimulation(null);
    };
  }, []);

  const titles = useStepTitles();

  const play = async () => {
    const s = useStore.getState();
    if (!s.meta) return;
    const journey = flowToJourney(s.meta, s.nodes, s.edges);
    const built = buildRequest(journey, choice, events, start);
    setFailure(null);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const result: SimulationResult = await simulateApi.simulate(built.request);
      const ports = (nodeId: string) => {
        const node = s.nodes.find((n) => n.id === nodeId);
        return node ? portsOf(node.data.nodeType, node.data.config, s.nodeTypes[node.data.nodeType]?.ports) : [];
      };
      const path = simulationPath(result, s.edges, ports);
      const badge = (at: string) => formatClock(at, zone);
      setPlayed({ entries: buildTimeline(result, ports), start: built.request.from, zone });
      setSimulation({
        nodes: Object.fromEntries(Object.entries(path.nodes).map(([id, at]) => [id, badge(at)])),
        edges: Object.fromEntries(Object.entries(path.edges).map(([id, at]) => [id, badge(at)])),
      });
    } catch (e) {
      if (e instanceof ApiError && e.body.problems) setErrors(e.body.problems.map((p) => ({ path: p.path, message: p.message })));
      else setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = (nodeId: string) => {
    selectNode(nodeId);
    const node = getNode(nodeId);
    if (node) {
      const { width = 220, height = 80 } = node.measured ?? {};
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: getZoom(), duration: 300 });
    }
  };
  const portLabel = (nodeId: string, port: string) => {
    const s = useStore.getState();
    const node = s.nodes.find((n) => n.id === nodeId);
    if (!node) return port;
    return portLabelsOf(node.data.nodeType, node.data.config)[port] ?? s.nodeTypes[node.data.nodeType]?.labels[currentLocale()].ports?.[port] ?? port;
  };

  return (
    <aside className="sim-panel" data-testid="simulate-panel" aria-label={t('simulate.title')}>
      <div className="row sim-head">
        <h2>{t('simulate.title')}</h2>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)} data-testid="simulate-close">
          {t('simulate.close')}
        </button>
      </div>
      <p className="muted small">{t('simulate.help')}</p>
      <CustomerPicker choice={choice} onChange={setChoice} />
      <label className="sim-field">
        <span>{t('simulate.start')}</span>
        <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} data-testid="sim-start" />
      </label>
      <EventsEditor events={events} onChange={setEvents} extraTypes={[triggerEventType()].filter((x): x is string => !!x)} />
      <button type="button" className="btn btn-primary" onClick={() => void play()} disabled={busy} data-testid="sim-play">
        {busy ? t('simulate.playing') : t('simulate.play')}
      </button>
      {errors.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="sim-errors">
          {t('simulate.errors')}
          <ul>
            {errors.map((e, i) => (
              <li key={i}>
                {e.path && <code>{e.path}</code>} {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {failure && (
        <p className="notice notice-error" role="alert" data-testid="sim-failure">
          {failure}
        </p>
      )}
      <div ref={timelineRef}>
        {played && (
          <Timeline
            entries={played.entries}
            start={played.start}
            zone={played.zone}
            titleOf={(id) => titles.get(id) ?? id}
            portLabel={portLabel}
            onPick={pick}
          />
        )}
      </div>
    </aside>
  );
}

/** The event type the journey's trigger listens for, to start the timeline with it. */
function triggerEventType(): string | undefined {
  const s = useStore.getState();
  const trigger = s.nodes.find((n) => s.nodeTypes[n.data.nodeType]?.category === 'trigger');
  const type = trigger?.data.config.eventType;
  return typeof type === 'string' ? type : undefined;
}
