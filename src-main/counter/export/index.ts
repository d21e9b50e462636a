// Export for the core (基幹) systems: mapping (templates/exports/<id>.json), JSON record, CSV file.
export { exportCsv, exportRecord, exportSubmission, type ExportedForm, type ExportRecord } from './export';
export { ExportMapping, exportsDir, loadExportMapping, mappingProblems } from './mapping';
export { csvDocument, csvField, csvLine, formulaSafe } from './csv';
