// The 绩效自评 tables as document sections: the 部门整体支出绩效自评表, one page (or more) per
// 项目支出绩效自评表 on landscape pages. The summary of all projects is a checking aid, not a 公开表:
// it goes into the audit document (compose/index.ts composeAudit), never here.
import type { Section } from '../../model/document.js';
import type { ReportModel } from '../../model/report.js';
import type { Profile } from '../profile.js';
import type { Form } from '../../model/form.js';
import { evaluationSettings, projectNumber } from './settings.js';
import { departmentTable, departmentTable2024, projectTable } from './tables.js';

/**
 * The 整体表 and one landscape section per project table, in the layout, unit and numbering of the
 * report year (settings.ts: the year's form under the profile). `form`: the department's form when
 * the caller has it (else the profile's form of the year).
 */
export function evaluationSections(model: ReportModel, profile: Profile, form?: Form): Section[] {
  const e = evaluationSettings(model, profile, form);
  const sections: Section[] = [];
  const department = e.layout === 'yunnan2024' ? departmentTable2024(model, e.numbers.department, e) : departmentTable(model, e.numbers.department);
  if (department) sections.push({ type: 'section', orientation: 'landscape', blocks: [department] });
  const projects = model.dataset.selfEvaluation?.projects ?? [];
  projects.forEach((p, i) => {
    sections.push({ type: 'section', orientation: 'landscape', blocks: [projectTable(p, model.evaluation.projects[i]!, model, profile.settings, e.layout, projectNumber(e, i), i, e)] });
  });
  return sections;
}
