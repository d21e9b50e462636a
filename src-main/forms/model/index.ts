export { Template, Field, TemplateId, type TemplateInput, fieldPlaces } from './template';
export { Bundle, bundleQuestions, bundleGroups, type BundleQuestion } from './bundle';
export { LocalizedText } from './localized';
export { pageSizeMm, paperMm, type RectMm, type At, type TextStyle } from './geometry';
export { parseSource, type ParsedSource, type Source } from './source';
export { placeGridCells, type LayoutItem, type PlacedCell } from './layout';
export { formatIssues } from './issues';
export { QuestionGroup, GroupId } from './question-group';
export { Fee, Office, feeOf } from './fee';
