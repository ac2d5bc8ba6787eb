import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The fields of Kubernetes objects the manifests' checks read; everything is optional, as in an object written by hand. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}
export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: string | number };
  readonly tcpSocket?: { readonly port: string | number };
}
export interface SecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly allowPrivilegeEscalation?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
  readonly seccompProfile?: { readonly type: string };
}
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name: string }; readonly secretRef?: { readonly name: string } }[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  readonly securityContext?: SecurityContext;
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }[];
}
export interface Volume {
  readonly name: string;
  readonly emptyDir?: Readonly<Record<string, unknown>>;
  readonly secret?: { readonly secretName: string };
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
}
export interface PodSpec {
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: SecurityContext & { readonly runAsGroup?: number; readonly fsGroup?: number };
  readonly initContainers?: readonly Container[];
  readonly containers: readonly Container[];
  readonly volumes?: readonly Volume[];
}
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
export interface NetworkPolicyRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly { readonly protocol?: string; readonly port?: number | string }[];
}
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly data?: Readonly<Record<string, string>>;
  readonly spec?: {
    readonly replicas?: number;
    readonly strategy?: { readonly type: string };
    readonly selector?: LabelSelector;
    readonly template?: { readonly metadata: { readonly labels: Readonly<Record<string, string>> }; readonly spec: PodSpec };
    readonly ports?: readonly { readonly name?: string; readonly port: number; readonly targetPort?: string | number }[];
    readonly podSelector?: LabelSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly NetworkPolicyRule[];
    readonly egress?: readonly NetworkPolicyRule[];
    readonly scaleTargetRef?: { readonly apiVersion: string; readonly kind: string; readonly name: string };
    readonly minReplicas?: number;
    readonly maxReplicas?: number;
    readonly minAvailable?: number | string;
    readonly maxUnavailable?: number | string;
  };
}

/** deploy/kubernetes/ */
export const kubernetesRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * `kubectl kustomize overlays/<name>`, on a copy of deploy/kubernetes whose `secrets/` is made from the committed
 * `secrets.example/` as an operator would, every placeholder replaced by a random value of 48 characters (what the
 * services' production rules accept).
 */
export function renderOverlay(overlay: string): KubeObject[] {
  const copy = mkdtempSync(join(tmpdir(), 'guichet-kustomize-'));
  try {
    cpSync(kubernetesRoot, copy, { recursive: true, filter: (path) => !/\/overlays\/[^/]+\/secrets(\/|$)/.test(path) });
    const examples = join(copy, 'overlays', overlay, 'secrets.example');
    const secrets = join(copy, 'overlays', overlay, 'secrets');
    cpSync(examples, secrets, { recursive: true });
    for (const file of readdirSync(secrets)) {
      const path = join(secrets, file);
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replaceAll('REPLACE_ME', () => randomBytes(24).toString('hex')),
      );
    }
    const yaml = execFileSync('kubectl', ['kustomize', join(copy, 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return parseAllDocuments(yaml).map((document) => {
      if (document.errors.length > 0) throw new Error(`kustomize output of ${overlay} is not YAML: ${document.errors[0]?.message}`);
      return document.toJS() as KubeObject;
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Whether `selector` selects objects with `labels` (matchLabels and the In/NotIn/Exists/DoesNotExist expressions). */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    if (operator === 'In') return value !== undefined && values.includes(value);
    if (operator === 'NotIn') return value === undefined || !values.includes(value);
    if (operator === 'Exists') return value !== undefined;
    if (operator === 'DoesNotExist') return value === undefined;
    throw new Error(`unknown selector operator ${operator}`);
  });
  return byLabels && byExpressions;
}

/**
 * The environment a container starts with, resolved from the rendered ConfigMaps and Secrets (envFrom first, then
 * env, which wins). A missing object or key throws, naming it.
 */
export function resolveEnv(container: Container, objects: readonly KubeObject[]): Record<string, string> {
  const find = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${container.name}: ${kind} ${name} does not exist`);
    return found.data ?? {};
  };
  const decode = (kind: string, value: string) => (kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value);
  const keyOf = (kind: string, name: string, key: string) => {
    const value = find(kind, name)[key];
    if (value === undefined) throw new Error(`${container.name}: ${kind} ${name} has no key ${key}`);
    return decode(kind, value);
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const [kind, name] = source.configMapRef ? ['ConfigMap', source.configMapRef.name] : source.secretRef ? ['Secret', source.secretRef.name] : ['', ''];
    for (const [key, value] of Object.entries(find(kind, name))) env[key] = decode(kind, value);
  }
  for (const variable of container.env ?? []) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    if (secretKeyRef) env[variable.name] = keyOf('Secret', secretKeyRef.name, secretKeyRef.key);
    else if (configMapKeyRef) env[variable.name] = keyOf('ConfigMap', configMapKeyRef.name, configMapKeyRef.key);
    else env[variable.name] = variable.value ?? '';
  }
  return env;
}

/** `500m` → 0.5, `1` → 1; `256Mi` → bytes. Enough of Kubernetes' quantities to compare requests with limits. */
export function quantity(value: string): number {
  const match = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(value);
  if (!match?.[1]) throw new Error(`not a quantity: ${value}`);
  const factor: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * (match[2] ? (factor[match[2]] ?? Number.NaN) : 1);
}

/**
 * Whether a NetworkPolicy peer's `ipBlock` lets `address` through: inside `cidr`, outside every `except`. Only ranges of
 * the address's own family count (BlockList alone would match an IPv4 address against `::/0` through its mapping).
 */
export function ipBlockAllows(ipBlock: NetworkPolicyPeer['ipBlock'], address: string): boolean {
  const family = isIP(address);
  if (ipBlock === undefined || family === 0) return false;
  const contains = (cidr: string) => {
    const [network = '', prefix = ''] = cidr.split('/');
    if (isIP(network) !== family) return false;
    const list = new BlockList();
    list.addSubnet(network, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return contains(ipBlock.cidr) && !(ipBlock.except ?? []).some(contains);
}

/** Whether a rule's `ports` let TCP traffic to `port` through (no list, or an entry of that port or of every port). */
export function rulePortsAllow(ports: NetworkPolicyRule['ports'], port: number): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === port));
}
