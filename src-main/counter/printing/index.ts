// Printing: CUPS (`lp`) for the browser host and the clerk's desk, the system's destinations a desk chooses from, and
// the kiosk's printer choices.
export { PrintError, printPdf, type CupsPrintOptions, type PrintErrorCode } from './cups';
export { listPrinters, type ListPrintersOptions, type PrinterDestination } from './destinations';
export { DeskPrinterError, DeskPrinters, DESK_PRINTERS_FILE, PROCEDURE_PRINTERS_FILE, type DeskPrinterChoices, type DeskPrintersOptions } from './desk-printers';
export { printSubmission } from './print-submission';
export { cupsPrinter, jobTitle, noPrinter, type PrinterChoice } from './kiosk-printers';
