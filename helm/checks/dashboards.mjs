// Structural checks of the Grafana dashboards, and every PromQL expression of theirs written into a
// Prometheus rules file so that promtool can parse them (Grafana is not available here).
// Usage: node dashboards.mjs OUT_RULES_FILE DASHBOARD.json...
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { stringify } from "yaml";

const [out, ...files] = process.argv.slice(2);
const problems = [];
const uids = new Map();
const rules = [];

// Grafana's built-in and template variables, replaced by values PromQL accepts.
function substitute(expr, variables) {
  return expr
    .replaceAll(/\$__(rate_interval|interval|range)/g, "5m")
    .replaceAll(/\$\{?(\w+)(:\w+)?\}?/g, (whole, name) => (variables.has(name) ? "x" : whole));
}

function panelsOf(dashboard) {
  const all = [];
  const walk = (panels) => {
    for (const panel of panels ?? []) {
      all.push(panel);
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  return all;
}

for (const file of files) {
  const name = basename(file);
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${name}: not JSON: ${e.message}`);
    continue;
  }
  for (const key of ["uid", "title", "panels", "schemaVersion"]) {
    if (dashboard[key] === undefined) {
      problems.push(`${name}: no ${key}`);
    }
  }
  if (uids.has(dashboard.uid)) {
    problems.push(`${name}: uid ${dashboard.uid} also used by ${uids.get(dashboard.uid)}`);
  }
  uids.set(dashboard.uid, name);
  const variables = new Set((dashboard.templating?.list ?? []).map((v) => v.name));
  if (!variables.has("datasource")) {
    problems.push(`${name}: no datasource variable`);
  }
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type === "query") {
      const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
      const inner = /^label_values\((.*),\s*\w+\)$/.exec(query ?? "");
      if (inner) {
        rules.push({ record: "dashboard_expr", expr: substitute(inner[1], variables), labels: { source: `${name} variable ${variable.name}` } });
      }
    }
  }
  const ids = new Set();
  for (const panel of panelsOf(dashboard)) {
    if (panel.type === "row") {
      continue;
    }
    if (ids.has(panel.id)) {
      problems.push(`${name}: panel id ${panel.id} used twice`);
    }
    ids.add(panel.id);
    if (!panel.gridPos) {
      problems.push(`${name}: panel "${panel.title}" has no gridPos`);
    }
    if (panel.type === "text") {
      continue;
    }
    if (!panel.targets?.length) {
      problems.push(`${name}: panel "${panel.title}" has no query`);
    }
    for (const target of panel.targets ?? []) {
      if (!target.expr) {
        problems.push(`${name}: panel "${panel.title}" target ${target.refId} has no expr`);
        continue;
      }
      const uid = target.datasource?.uid ?? panel.datasource?.uid;
      if (uid !== "${datasource}") {
        problems.push(`${name}: panel "${panel.title}" does not query the datasource variable`);
      }
      rules.push({ record: "dashboard_expr", expr: substitute(target.expr, variables), labels: { source: `${name} ${panel.title}` } });
    }
  }
}

writeFileSync(out, stringify({ groups: [{ name: "dashboard-expressions", rules }] }));
for (const problem of problems) {
  console.error(problem);
}
console.log(`${files.length} dashboards, ${rules.length} expressions, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
