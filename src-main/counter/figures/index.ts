// The counter's BPR figures: anonymous counts and step durations per procedure and day.
export { FiguresReader, FiguresRecorder, isDay, type ClerkStatus, type FiguresRecorderOptions } from './recorder';
export { FiguresError, type FiguresErrorCode } from './errors';
export { aggregateVisits, median, type VisitDurations, type VisitOutcome } from './aggregate';
export { figuresCsv, FIGURES_CSV_HEADER } from './csv';
export { figureStepOf } from './steps';
export { type DayListEntry, type DayListEvent, type DayListStatus } from './day-list';
