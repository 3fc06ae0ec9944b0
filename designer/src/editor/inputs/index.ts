import type { RegistryWidgetsType } from '@rjsf/utils';
import { TemplateWidget } from '../message/TemplateWidget';
import { DurationWidget } from './DurationWidget';
import { TimeZoneWidget } from './TimeZoneWidget';
import { LocalDateTimeWidget, TimeOfDayWidget } from './TimeWidgets';
import { WeekdaysWidget } from './WeekdaysWidget';
import { SegmentWidget } from '../../segments/SegmentWidget';
import '../message/message.css';

/** The widgets the config form registers; formats.ts says which format picks which. */
export const friendlyWidgets: RegistryWidgetsType = {
  template: TemplateWidget,
  duration: DurationWidget,
  timeOfDay: TimeOfDayWidget,
  localDateTime: LocalDateTimeWidget,
  timeZone: TimeZoneWidget,
  weekdays: WeekdaysWidget,
  segment: SegmentWidget,
};
