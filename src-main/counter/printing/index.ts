// Printing: CUPS (`lp`) for the browser host and the clerk's desk, and the kiosk's printer choices.
export { PrintError, printPdf, type CupsPrintOptions, type PrintErrorCode } from './cups';
export { printSubmission } from './print-submission';
export { cupsPrinter, jobTitle, noPrinter, type PrinterChoice } from './kiosk-printers';
