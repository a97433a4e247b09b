// The writers by format (pandoc's Writers.hs): the CLI looks a writer up instead of branching.
export { writeDocx, defaultDocxOptions, type DocxOptions } from './docx.js';
export { writeHtml, defaultHtmlOptions, type HtmlOptions } from './html.js';
export { PdfRenderer, chromiumPath, defaultPdfOptions, type PdfOptions } from './pdf.js';
export { setPdfInfo } from './pdf-info.js';
export { finishPdf, retitleBookmarks, tableBookmarks } from './pdf-outline.js';
export { writeXlsx, defaultXlsxOptions, type XlsxOptions } from './xlsx.js';
export { fontFaceCss } from './fonts.js';
export { FORMATS, type Format } from './formats.js';
