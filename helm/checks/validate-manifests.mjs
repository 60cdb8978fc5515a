// Validates rendered Kubernetes manifests offline against the Kubernetes OpenAPI schemas
// (kubernetes-models) and the Prometheus Operator CRDs (@kubernetes-models/prometheus-operator).
// Usage: helm template ... | node validate-manifests.mjs [--require-env NAME]... [--sources-from VALUES.yaml]
// --sources-from: the values file's `sources:` must reach every Deployment as DISPATCHER_SOURCES_HELM.
// Exit status 1 with one line per problem; a kind without a schema is a problem too.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parse, parseAllDocuments } from "yaml";

const required = [];
let sourcesFrom;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === "--require-env") {
    required.push(process.argv[++i]);
  } else if (process.argv[i] === "--sources-from") {
    sourcesFrom = process.argv[++i];
  } else {
    console.error(`unknown argument ${process.argv[i]}`);
    process.exit(2);
  }
}

const CRD_GROUPS = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com" };

function modulePath(apiVersion) {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) {
    return `kubernetes-models/${apiVersion}`;
  }
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  return CRD_GROUPS[group] ? `${CRD_GROUPS[group]}/${version}` : `kubernetes-models/${apiVersion}`;
}

const problems = [];
const docs = parseAllDocuments(readFileSync(0, "utf8"));
const manifests = [];
for (const doc of docs) {
  if (doc.errors.length) {
    problems.push(`YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const manifest = doc.toJS();
  if (manifest) {
    manifests.push(manifest);
  }
}

for (const manifest of manifests) {
  const name = `${manifest.kind}/${manifest.metadata?.name}`;
  let module;
  try {
    module = await import(modulePath(manifest.apiVersion ?? ""));
  } catch {
    problems.push(`${name}: no schema for apiVersion ${manifest.apiVersion}`);
    continue;
  }
  const Model = module[manifest.kind];
  if (!Model) {
    problems.push(`${name}: no schema for kind ${manifest.kind} in ${manifest.apiVersion}`);
    continue;
  }
  try {
    new Model(manifest).validate();
  } catch (e) {
    const details = (e.errors ?? []).map((x) => `${x.instancePath} ${x.message}`).join("; ");
    problems.push(`${name}: ${details || e.message}`);
  }
}

// The value a Deployment's container gets for an environment variable: set directly, through a
// configMapKeyRef, or through envFrom of a rendered ConfigMap; undefined when not set at all.
function envValue(manifest, variable) {
  const configMap = (name) => manifests.find((m) => m.kind === "ConfigMap" && m.metadata.name === name)?.data ?? {};
  for (const container of manifest.spec.template.spec.containers ?? []) {
    const entry = (container.env ?? []).find((e) => e.name === variable);
    if (entry) {
      const ref = entry.valueFrom?.configMapKeyRef;
      return ref ? configMap(ref.name)[ref.key] : entry.value ?? "(from a secret or field)";
    }
    for (const from of container.envFrom ?? []) {
      const data = from.configMapRef ? configMap(from.configMapRef.name) : {};
      if (variable in data) {
        return data[variable];
      }
    }
  }
  return undefined;
}

const deployments = manifests.filter((m) => m.kind === "Deployment");
for (const manifest of deployments) {
  for (const variable of required) {
    if (envValue(manifest, variable) === undefined) {
      problems.push(`Deployment/${manifest.metadata.name}: ${variable} is not set`);
    }
  }
  if (sourcesFrom) {
    const expected = parse(readFileSync(sourcesFrom, "utf8")).sources;
    const rendered = envValue(manifest, "DISPATCHER_SOURCES_HELM");
    if (!expected || !Object.keys(expected).length) {
      problems.push(`${sourcesFrom} has no sources`);
    } else if (!isDeepStrictEqual(parse(rendered ?? ""), expected)) {
      problems.push(`Deployment/${manifest.metadata.name}: DISPATCHER_SOURCES_HELM is not the values' sources: ${rendered}`);
    }
  }
}
if (sourcesFrom && deployments.length !== 3) {
  problems.push(`expected the api, store and indexer Deployments, got ${deployments.length}`);
}

if (manifests.length === 0) {
  problems.push("no manifests rendered");
}
for (const problem of problems) {
  console.error(problem);
}
console.log(`${manifests.length} manifests, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
