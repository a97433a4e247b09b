// The document information of a PDF is set with pdf-lib (pdf-document.ts).
export { setPdfInfo } from './pdf-document.js';
