// The 绩效自评 tables as document sections: the 部门整体支出绩效自评表, one page (or more) per
// 项目支出绩效自评表 on landscape pages. The summary of all projects is a checking aid, not a 公开表:
// it goes into the audit document (compose/index.ts composeAudit), never here.
import type { Section } from '../../model/document.js';
import type { ReportModel } from '../../model/report.js';
import type { Profile } from '../profile.js';
import { departmentTable, projectTable } from './tables.js';

export function evaluationSections(model: ReportModel, profile: Profile): Section[] {
  const e = profile.settings.evaluation;
  const sections: Section[] = [];
  const department = departmentTable(model, e.numbers.department);
  if (department) sections.push({ type: 'section', orientation: 'landscape', blocks: [department] });
  const projects = model.dataset.selfEvaluation?.projects ?? [];
  projects.forEach((p, i) => {
    sections.push({ type: 'section', orientation: 'landscape', blocks: [projectTable(p, model.evaluation.projects[i]!, model, profile.settings, e.layout, e.numbers.project, i)] });
  });
  return sections;
}
