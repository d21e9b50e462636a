// Printing through CUPS (`lp`) for the browser host.
export { PrintError, printPdf, type CupsPrintOptions, type PrintErrorCode } from './cups';
export { cupsPrintOutput, printSubmission, type PrinterChoice } from './print-submission';
