import { MonitoringInput, PlanInput } from '../../../shared/domain/case-file.js';
import { json } from '../../../shared/http/responses.js';
import { presentAssessments, recordMonitoring, savePlan } from '../../../shared/cases/case-file.js';
import { caseIdOf, parseBody, problem } from './http.js';
import type { Routes } from './types.js';

/** The case file: the FVN's versions, the individual plan, the monitoring record (assessment and closure: cases.ts). */
export const caseFileRoutes = {
  'GET /cases/{caseId}/assessments': async ({ event, deps }) => {
    const caseId = caseIdOf(event);
    const view = await deps.cases.view(caseId);
    return view ? json(200, { caseId, ...presentAssessments(view) }) : json(404, { message: `no case ${caseId}` });
  },

  'PUT /cases/{caseId}/plan': async ({ event, deps, actor }) => {
    const input = parseBody(event, PlanInput);
    if (!input.ok) return input.response;
    const out = await savePlan(caseIdOf(event), input.value, deps, actor);
    if (!out.ok) return problem(out.problem);
    const p = out.value;
    return json(input.value.version === 0 ? 201 : 200, { caseId: p.caseId, kind: p.kind, version: p.version, measures: p.measures, caseManager: p.caseManager });
  },

  'POST /cases/{caseId}/monitoring': async ({ event, deps, actor }) => {
    const input = parseBody(event, MonitoringInput);
    if (!input.ok) return input.response;
    const out = await recordMonitoring(caseIdOf(event), input.value, deps, actor);
    if (!out.ok) return problem(out.problem);
    const m = out.value;
    return json(201, { caseId: m.caseId, monitoringId: m.monitoringId, date: m.date, kind: m.kind, progress: m.progress });
  },
} satisfies Routes;
