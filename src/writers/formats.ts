// The output formats, in a module of their own: naming them loads no writer (the DOCX and XLSX
// writers' libraries load on the build's writer thread).
export const FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
