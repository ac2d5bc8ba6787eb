import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.js';
import { readIdpConfig } from '../../idp/config.js';
import { readConfig } from '../../lib/config/index.js';
import { outboxEnvSchema } from '../../outbox/index.js';
import { connectedMinistries } from '../../schema/index.js';
import { stackServices } from '../../scripts/stack/index.js';
import { serviceCommand } from '../../scripts/stack/service-command.js';
import { readDossiersConfig } from '../../subgraphs/dossiers/config.js';
import { subgraphEnvSchema } from '../../subgraphs/shared/index.js';
import { loadFeedSources, readSupervisionConfig } from '../../subgraphs/supervision/index.js';
import { readWebhooksConfig } from '../../subgraphs/webhooks/config.js';
import { readWitnessConfig } from '../../witness/witness-config.js';
import {
  type Container,
  ipBlockAllows,
  type KubeObject,
  kubernetesRoot,
  type NetworkPolicyPeer,
  type Probe,
  quantity,
  renderOverlay,
  resolveEnv,
  rulePortsAllow,
  selects,
} from './test-support/render-overlay.js';

/**
 * Both overlays, built by `kubectl kustomize` as an operator would (secrets made from the examples), then checked
 * object by object: every Deployment against the service catalog and the services' own production configuration
 * rules, and across objects (budgets, network policies, autoscaler, stores).
 */
const overlays = { embedded: renderOverlay('embedded'), scaled: renderOverlay('scaled') } as const;
type OverlayName = keyof typeof overlays;
const overlayNames = Object.keys(overlays) as OverlayName[];

const catalog = new Map(stackServices.map((s) => [s.name, s]));
const feedSources = await loadFeedSources();
const ministryOfSubgraph = new Map<string, (typeof connectedMinistries)[number]>(connectedMinistries.map((m) => [m.subgraph.name, m]));

const ofKind = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const podLabels = (deployment: KubeObject) => deployment.spec?.template?.metadata.labels ?? {};
const podSpec = (deployment: KubeObject) => {
  const spec = deployment.spec?.template?.spec;
  if (!spec) throw new Error(`${deployment.metadata.name}: no pod template`);
  return spec;
};
const mainContainer = (deployment: KubeObject): Container => {
  const container = podSpec(deployment).containers[0];
  if (!container) throw new Error(`${deployment.metadata.name}: no container`);
  return container;
};
const tierOf = (deployment: KubeObject) => podLabels(deployment)['guichet.gouv.tg/tier'];
const serviceNamed = (name: string): (typeof stackServices)[number] => {
  const service = catalog.get(name);
  if (!service) throw new Error(`${name} is not in the service catalog`);
  return service;
};
/** `building-permits` → `SUBGRAPH_BUILDING_PERMITS_URL`, as the gateway and the subgraphs that read another name it. */
const subgraphUrlVariable = (name: string) => `SUBGRAPH_${name.toUpperCase().replaceAll('-', '_')}_URL`;
/** The services that read `name` besides the gateway (the catalog's `reads`: supervision the ministries, webhooks supervision). */
const readersOf = (name: string) => stackServices.filter((s) => s.reads?.includes(name)).map((s) => s.name);

/** Every (overlay, Deployment) pair: the matrix the per-Deployment checks run over. */
const deploymentCases = overlayNames.flatMap((overlay) => ofKind(overlays[overlay], 'Deployment').map((deployment) => ({ overlay, name: deployment.metadata.name, deployment })));

describe('kubectl kustomize builds both overlays', () => {
  it.each(overlayNames)('%s: every Deployment is a service of the catalog, each with its Service', (overlay) => {
    const objects = overlays[overlay];
    const deployments = ofKind(objects, 'Deployment');
    expect(deployments.length).toBeGreaterThanOrEqual(8);
    for (const deployment of deployments) {
      expect(catalog.has(deployment.metadata.name), deployment.metadata.name).toBe(true);
      const service = ofKind(objects, 'Service').find((s) => s.metadata.name === deployment.metadata.name);
      expect(service?.spec?.ports?.[0]?.port, deployment.metadata.name).toBe(catalog.get(deployment.metadata.name)?.defaultPort);
      // A Service's selector is a plain map of labels.
      const selector = (service?.spec as { readonly selector?: Readonly<Record<string, string>> } | undefined)?.selector;
      expect(selects({ matchLabels: selector ?? { none: 'none' } }, podLabels(deployment))).toBe(true);
    }
    // Every service but the simulators and the development IdP runs in both.
    for (const service of stackServices.filter((s) => s.tier !== 'legacy' && s.tier !== 'identity')) expect(deployments.map((d) => d.metadata.name)).toContain(service.name);
  });

  it.each(overlayNames)("%s: the gateway, and every service that reads a subgraph, is told that subgraph's Service (SUBGRAPH_<NAME>_URL)", (overlay) => {
    const objects = overlays[overlay];
    const envOf = (name: string) => {
      const deployment = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name);
      if (!deployment) throw new Error(`no Deployment ${name}`);
      return resolveEnv(mainContainer(deployment), objects);
    };
    const serviceUrl = (name: string) => `http://${name}:${serviceNamed(name).defaultPort}/graphql`;
    const gateway = envOf('gateway');
    for (const subgraph of stackServices.filter((s) => s.tier === 'subgraph')) expect(gateway[subgraphUrlVariable(subgraph.name)], subgraph.name).toBe(serviceUrl(subgraph.name));
    for (const reader of stackServices.filter((s) => s.reads !== undefined))
      for (const read of reader.reads ?? []) expect(envOf(reader.name)[subgraphUrlVariable(read)], `${reader.name} reads ${read}`).toBe(serviceUrl(read));
  });

  it.each(overlayNames)('%s: one image for every container', (overlay) => {
    const images = new Set(ofKind(overlays[overlay], 'Deployment').flatMap((d) => [...(podSpec(d).initContainers ?? []), ...podSpec(d).containers].map((c) => c.image)));
    expect([...images]).toHaveLength(1);
    expect([...images][0]).toMatch(/\/guichet:[\w.-]+$/);
  });
});

describe.each(deploymentCases)('$overlay: Deployment $name', ({ overlay, name, deployment }) => {
  const objects = overlays[overlay];
  const service = catalog.get(name);
  const container = mainContainer(deployment);
  const port = container.ports?.find((p) => p.name === 'http')?.containerPort;

  it("runs the catalog's command for the service on its port", () => {
    if (!service) throw new Error(`${name} is not in the service catalog`);
    const command = serviceCommand([name], 'dist/');
    if ('refusal' in command) throw new Error(command.refusal);
    expect([...(container.command ?? []), ...(container.args ?? [])]).toEqual(['node', ...command.args]);
    // The entry is built from a source that exists (and, once built, is in dist/).
    expect(existsSync(join(kubernetesRoot, '../..', service.entry.replace(/\.js$/, '.ts'))), service.entry).toBe(true);
    if (existsSync(join(kubernetesRoot, '../../dist'))) expect(existsSync(join(kubernetesRoot, '../../dist', service.entry)), `dist/${service.entry}`).toBe(true);
    expect(port).toBe(service.defaultPort);
    expect(resolveEnv(container, objects).PORT).toBe(String(service.defaultPort));
  });

  it('is probed on its own port: ready on /ready, alive on /health (TCP for the simulators, which serve neither)', () => {
    const tier = tierOf(deployment);
    const expectHttp = (probe: Probe | undefined, path: string) => {
      expect(probe?.httpGet?.path).toBe(path);
      expect(probe?.httpGet?.port === 'http' || probe?.httpGet?.port === port).toBe(true);
    };
    if (tier === 'legacy') {
      for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe?.tcpSocket?.port === 'http' || probe?.tcpSocket?.port === port).toBe(true);
    } else {
      // The development IdP serves no /ready: its readiness is /health.
      expectHttp(container.readinessProbe, tier === 'identity' ? '/health' : '/ready');
      expectHttp(container.livenessProbe, '/health');
    }
  });

  it('has CPU and memory requests and limits, requests within limits', () => {
    for (const c of [...(podSpec(deployment).initContainers ?? []), container]) {
      for (const resource of ['cpu', 'memory']) {
        const request = c.resources?.requests?.[resource];
        const limit = c.resources?.limits?.[resource];
        expect(request && limit, `${c.name} ${resource}`).toBeTruthy();
        expect(quantity(request ?? '0')).toBeLessThanOrEqual(quantity(limit ?? '0'));
      }
    }
  });

  it('runs as a numeric non-root user, read-only, no privilege escalation, no capabilities, seccomp RuntimeDefault, /tmp on an emptyDir', () => {
    const pod = podSpec(deployment);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      expect(c.securityContext?.runAsNonRoot, c.name).toBe(true);
      expect(c.securityContext?.allowPrivilegeEscalation, c.name).toBe(false);
      expect(c.securityContext?.readOnlyRootFilesystem, c.name).toBe(true);
      expect(c.securityContext?.privileged ?? false, c.name).toBe(false);
      expect(c.securityContext?.capabilities?.drop, c.name).toContain('ALL');
      expect(c.securityContext?.capabilities?.add ?? [], c.name).toEqual([]);
      expect(c.securityContext?.seccompProfile?.type, c.name).toBe('RuntimeDefault');
    }
    const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
  });

  it('is covered by a PodDisruptionBudget', () => {
    const budgets = ofKind(objects, 'PodDisruptionBudget').filter((b) => selects(b.spec?.selector, podLabels(deployment)));
    expect(budgets).toHaveLength(1);
  });

  it('takes every secret from an existing Secret key, every setting from an existing ConfigMap key, every volume from an existing object', () => {
    // resolveEnv throws on a missing object or key.
    for (const c of [...(podSpec(deployment).initContainers ?? []), container]) resolveEnv(c, objects);
    for (const volume of podSpec(deployment).volumes ?? []) {
      if (volume.secret) expect(ofKind(objects, 'Secret').map((s) => s.metadata.name)).toContain(volume.secret.secretName);
      if (volume.persistentVolumeClaim) expect(ofKind(objects, 'PersistentVolumeClaim').map((s) => s.metadata.name)).toContain(volume.persistentVolumeClaim.claimName);
    }
    // A secret is never written in the manifest itself.
    const literal = (container.env ?? []).filter((v) => v.value !== undefined).map((v) => v.name);
    expect(literal.filter((n) => /SECRET|TOKEN|PASSWORD|_KEY$|^DATABASE_URL$|^REDIS_URL$|^IDP_CLIENTS$/.test(n))).toEqual([]);
  });

  it("passes the service's own configuration rules with NODE_ENV=production", () => {
    const env = resolveEnv(container, objects);
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    const tier = tierOf(deployment);
    if (name === 'gateway') {
      expect(env.WORKERS).toBe('1');
      readGatewayConfig(env);
    } else if (name === 'witness') {
      // The key file is copied at start from its Secret to a private volume; here, to a file of the test's own.
      const keyPath = join(mkdtempSync(join(tmpdir(), 'guichet-witness-key-')), 'signing-keys.json');
      writeFileSync(keyPath, '{}');
      expect(container.volumeMounts?.some((m) => env.WITNESS_KEY_PATH?.startsWith(`${m.mountPath}/`))).toBe(true);
      readWitnessConfig({ ...env, WITNESS_KEY_PATH: keyPath });
    } else if (name === 'idp') readIdpConfig(env);
    else if (name === 'dossiers') readDossiersConfig(env);
    else if (name === 'supervision') readSupervisionConfig(env, feedSources);
    else if (name === 'webhooks') {
      const config = readWebhooksConfig(env);
      // Its stream is supervision's, through its Service; its store PostgreSQL, or a SQLite file on a mounted volume
      // (the root filesystem is read-only: the default path under the package root would not open).
      expect(config.eventsUrl).toBe(`http://supervision:${serviceNamed('supervision').defaultPort}/internal/dossier-events`);
      if (config.database === null) expect(container.volumeMounts?.some((m) => m.mountPath !== '/tmp' && config.storePath.startsWith(`${m.mountPath}/`))).toBe(true);
    } else if (tier === 'subgraph') {
      const ministry = ministryOfSubgraph.get(name);
      const adapter = feedSources.find((source) => source.system === ministry?.system.code);
      if (!adapter) throw new Error(`${name}: no adapter found for its ministry`);
      readConfig(name, subgraphEnvSchema(port ?? 0, env.NODE_ENV).extend({ ...adapter.envSchema.shape, ...outboxEnvSchema.shape }), env);
    }
  });
});

/** What each policy selecting a pod lets it reach, by the policy's `guichet.gouv.tg/egress` label. */
function egressOf(objects: readonly KubeObject[], deployment: KubeObject) {
  return ofKind(objects, 'NetworkPolicy').filter((p) => selects(p.spec?.podSelector, podLabels(deployment)) && (p.spec?.egress?.length ?? 0) > 0);
}
const peersOf = (rules: readonly { readonly to?: readonly NetworkPolicyPeer[]; readonly from?: readonly NetworkPolicyPeer[] }[] | undefined, side: 'to' | 'from') =>
  (rules ?? []).flatMap((rule) => rule[side] ?? [{}]);
/** Whether a peer lets an IP address through: its ipBlock's, or any address for an empty peer (a rule without to/from). */
const peerAllowsAddress = (peer: NetworkPolicyPeer, address: string) => (peer.ipBlock ? ipBlockAllows(peer.ipBlock, address) : !peer.podSelector && !peer.namespaceSelector);
const purposeOf = (policy: KubeObject) => policy.metadata.labels?.['guichet.gouv.tg/egress'];

/** Addresses an integrator's endpoint may have: public IPv4 and IPv6 (outside the documentation ranges the placeholders use). */
const publicAddresses = ['8.8.8.8', '1.1.1.1', '41.207.160.10', '102.64.10.1', '196.168.0.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '2c0f:f248::1', '64:ff9b::808:808'];
/**
 * What no policy may open towards the Internet side: each private, loopback, link-local (cloud metadata), shared
 * (CGNAT), multicast or reserved range, at both ends and at its notable addresses, IPv4, IPv6 and IPv4-mapped.
 */
const nonPublicAddresses = [
  ...['0.0.0.0', '0.255.255.255', '10.0.0.0', '10.96.0.1', '10.255.255.255', '100.64.0.0', '100.100.100.200', '100.127.255.255', '127.0.0.1', '127.255.255.255'],
  ...['169.254.0.1', '169.254.169.254', '169.254.255.255', '172.16.0.0', '172.31.255.255', '192.0.0.1', '192.168.0.0', '192.168.255.255', '198.18.0.1', '198.19.255.255'],
  ...['224.0.0.1', '239.255.255.255', '240.0.0.1', '255.255.255.255'],
  ...[
    '::',
    '::1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:127.0.0.1',
    'fc00::1',
    'fd00:ec2::254',
    'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    'fe80::1',
    'febf::1',
    'ff02::1',
    '64:ff9b:1::a00:1',
    '100::1',
  ],
];

describe.each(overlayNames)('%s: network policies', (overlay) => {
  const objects = overlays[overlay];
  const policies = ofKind(objects, 'NetworkPolicy');
  const deployments = ofKind(objects, 'Deployment');
  const deployment = (name: string) => {
    const found = deployments.find((d) => d.metadata.name === name);
    if (!found) throw new Error(`no Deployment ${name}`);
    return found;
  };

  it('deny everything by default, both ways', () => {
    const deny = policies.find(
      (p) => Object.keys(p.spec?.podSelector?.matchLabels ?? {}).length === 0 && !p.spec?.podSelector?.matchExpressions && p.spec?.ingress === undefined && p.spec?.egress === undefined,
    );
    expect(deny?.spec?.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
  });

  it('never open from the Internet; open to it only where webhooks deliver, and never to a non-public address', () => {
    for (const policy of policies) {
      for (const peer of peersOf(policy.spec?.ingress, 'from'))
        expect(
          publicAddresses.filter((a) => peerAllowsAddress(peer, a)),
          policy.metadata.name,
        ).toEqual([]);
      const open = peersOf(policy.spec?.egress, 'to').filter((peer) => publicAddresses.some((a) => peerAllowsAddress(peer, a)));
      if (open.length === 0) continue;
      expect(purposeOf(policy), policy.metadata.name).toBe('internet');
      expect(
        deployments.filter((d) => selects(policy.spec?.podSelector, podLabels(d))).map((d) => d.metadata.name),
        policy.metadata.name,
      ).toEqual(['webhooks']);
      for (const peer of open)
        expect(
          nonPublicAddresses.filter((a) => peerAllowsAddress(peer, a)),
          policy.metadata.name,
        ).toEqual([]);
    }
  });

  it("webhooks reach any public address, IPv4 or IPv6, on any TCP port (an integrator's URL may name one)", () => {
    const rules = egressOf(objects, deployment('webhooks'))
      .filter((p) => purposeOf(p) === 'internet')
      .flatMap((p) => p.spec?.egress ?? []);
    for (const address of publicAddresses)
      for (const port of [443, 8443, 80, 9000])
        expect(
          rules.some((rule) => rulePortsAllow(rule.ports, port) && (rule.to ?? [{}]).some((peer) => peerAllowsAddress(peer, address))),
          `${address} port ${port}`,
        ).toBe(true);
  });

  it.each(
    ofKind(objects, 'Deployment')
      .filter((d) => tierOf(d) === 'subgraph' || tierOf(d) === 'witness')
      .map((d) => d.metadata.name),
  )('%s accepts ingress on its port from the gateway pods and the services that read it (catalog), only', (name) => {
    const target = deployment(name);
    const port = mainContainer(target).ports?.[0]?.containerPort ?? 0;
    const rules = policies.filter((p) => selects(p.spec?.podSelector, podLabels(target))).flatMap((p) => p.spec?.ingress ?? []);
    const expected = ['gateway', ...readersOf(name)].sort();
    const reaching = new Set<string>();
    for (const rule of rules) {
      for (const peer of rule.from ?? [{}]) {
        expect(peer.namespaceSelector, name).toBeUndefined();
        expect(peer.ipBlock, name).toBeUndefined();
        // An empty peer, or a podSelector of {}, would be every pod.
        expect(peer.podSelector, name).toBeDefined();
        const from = deployments.filter((d) => selects(peer.podSelector, podLabels(d))).map((d) => d.metadata.name);
        for (const source of from) expect(expected, `${name} from ${source}`).toContain(source);
        if (rulePortsAllow(rule.ports, port)) for (const source of from) reaching.add(source);
      }
    }
    expect([...reaching].sort(), name).toEqual(expected);
  });

  it.each(stackServices.filter((s) => s.reads !== undefined).map((s) => s.name))('%s reaches the subgraphs it reads (catalog), on their ports, and no other pod', (name) => {
    const reads = serviceNamed(name).reads ?? [];
    const rules = egressOf(objects, deployment(name))
      .filter((p) => purposeOf(p) === 'subgraphs')
      .flatMap((p) => p.spec?.egress ?? []);
    for (const read of reads) {
      const reached = rules.some((rule) => rulePortsAllow(rule.ports, serviceNamed(read).defaultPort) && (rule.to ?? []).some((peer) => selects(peer.podSelector, podLabels(deployment(read)))));
      expect(reached, `${name} reads ${read}`).toBe(true);
    }
    for (const peer of rules.flatMap((rule) => rule.to ?? [{}])) {
      expect(peer.podSelector, name).toBeDefined();
      for (const d of deployments.filter((x) => selects(peer.podSelector, podLabels(x)))) expect(reads, `${name} to ${d.metadata.name}`).toContain(d.metadata.name);
    }
  });

  it.each(connectedMinistries.map((m) => ({ subgraph: m.subgraph.name, system: m.system.code })))(
    '$subgraph reaches DNS, its database and its own legacy system only ($system)',
    ({ subgraph, system }) => {
      const egress = egressOf(objects, deployment(subgraph));
      const purposes = new Set(egress.map((p) => p.metadata.labels?.['guichet.gouv.tg/egress']));
      expect(purposes).toContain(`legacy-${system}`);
      expect(
        [...purposes].every((p) => p === 'dns' || p === 'database' || p === `legacy-${system}`),
        [...purposes].join(', '),
      ).toBe(true);
      // A pod peer (the simulators) selects the simulator of its own system and nothing else.
      for (const peer of egress.filter((p) => p.metadata.labels?.['guichet.gouv.tg/egress'] !== 'dns').flatMap((p) => peersOf(p.spec?.egress, 'to'))) {
        if (peer.podSelector) expect(deployments.filter((d) => selects(peer.podSelector, podLabels(d))).map((d) => d.metadata.name)).toEqual([`legacy-${system}`]);
        else expect(peer.ipBlock?.cidr).toMatch(/\/(2[4-9]|3[0-2])$/);
      }
    },
  );

  it('the gateway reaches the subgraphs, the witness and the identity provider; nothing reaches what it has no business with', () => {
    const purposes = (name: string) => new Set(egressOf(objects, deployment(name)).map((p) => p.metadata.labels?.['guichet.gouv.tg/egress']));
    const gateway = purposes('gateway');
    for (const needed of ['dns', 'subgraphs', 'witness', 'idp']) expect(gateway).toContain(needed);
    expect([...gateway].every((p) => ['dns', 'subgraphs', 'witness', 'idp', 'redis', 'database'].includes(p ?? ''))).toBe(true);
    expect([...purposes('dossiers')].every((p) => p === 'dns' || p === 'database')).toBe(true);
    expect([...purposes('witness')].every((p) => p === 'dns' || p === 'database')).toBe(true);
    expect([...purposes('supervision')].every((p) => p === 'dns' || p === 'database' || p === 'subgraphs' || /^legacy-/.test(p ?? ''))).toBe(true);
    const webhooks = purposes('webhooks');
    for (const needed of ['dns', 'subgraphs', 'internet']) expect(webhooks).toContain(needed);
    expect([...webhooks].every((p) => ['dns', 'subgraphs', 'internet', 'database'].includes(p ?? ''))).toBe(true);
    // Every subgraph port the gateway needs is open towards the subgraphs.
    const ports = egressOf(objects, deployment('gateway'))
      .filter((p) => p.metadata.labels?.['guichet.gouv.tg/egress'] === 'subgraphs')
      .flatMap((p) => (p.spec?.egress ?? []).flatMap((r) => r.ports ?? []).map((q) => q.port));
    for (const d of deployments.filter((x) => tierOf(x) === 'subgraph')) expect(ports).toContain(mainContainer(d).ports?.[0]?.containerPort);
  });
});

describe('embedded overlay', () => {
  const objects = overlays.embedded;
  const deployments = ofKind(objects, 'Deployment');

  it('runs one replica of everything, the simulators and the development IdP included, and no autoscaler', () => {
    for (const d of deployments) expect(d.spec?.replicas, d.metadata.name).toBe(1);
    for (const s of stackServices) expect(deployments.map((d) => d.metadata.name)).toContain(s.name);
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it.each(['gateway', 'witness', 'idp', 'supervision', 'webhooks', ...connectedMinistries.map((m) => m.subgraph.name)])(
    '%s keeps its store on its own PersistentVolumeClaim, replaced not rolled',
    (name) => {
      const d = deployments.find((x) => x.metadata.name === name);
      if (!d) throw new Error(`no Deployment ${name}`);
      const own = podSpec(d).volumes?.find((v) => v.persistentVolumeClaim?.claimName === `${name}-data`);
      expect(own, `${name}: a volume on the claim ${name}-data`).toBeDefined();
      expect(d.spec?.strategy?.type).toBe('Recreate');
      const mount = mainContainer(d).volumeMounts?.find((m) => m.name === own?.name);
      const env = resolveEnv(mainContainer(d), objects);
      const paths = ['AUDIT_LOG_PATH', 'OPERATIONS_PATH', 'OUTBOX_PATH', 'SUPERVISION_STORE_PATH', 'WEBHOOKS_STORE_PATH', 'WITNESS_DATA_DIR', 'IDP_KEY_PATH'].flatMap((k) => (env[k] ? [env[k]] : []));
      expect(paths.length, `${name}: a store path on the volume`).toBeGreaterThan(0);
      for (const path of paths) expect(path.startsWith(mount?.mountPath ?? '//'), path).toBe(true);
    },
  );
  it.each(['gateway', ...connectedMinistries.map((m) => m.subgraph.name)])(
    '%s keeps supporting documents in DOCUMENTS_PATH on the one documents claim (uploads at the gateway, filed and forwarded by the ministry subgraphs)',
    (name) => {
      const d = deployments.find((x) => x.metadata.name === name);
      if (!d) throw new Error(`no Deployment ${name}`);
      const volume = podSpec(d).volumes?.find((v) => v.persistentVolumeClaim?.claimName === 'documents-data');
      expect(volume, `${name}: the documents claim`).toBeDefined();
      expect(ofKind(objects, 'PersistentVolumeClaim').map((c) => c.metadata.name)).toContain('documents-data');
      const mount = mainContainer(d).volumeMounts?.find((m) => m.name === volume?.name);
      const documentsPath = resolveEnv(mainContainer(d), objects).DOCUMENTS_PATH;
      expect(documentsPath, `${name}: DOCUMENTS_PATH`).toBeDefined();
      expect(documentsPath?.startsWith(mount?.mountPath ?? '//'), `${name}: ${documentsPath} on ${mount?.mountPath}`).toBe(true);
    },
  );
});

describe('scaled overlay', () => {
  const objects = overlays.scaled;
  const deployments = ofKind(objects, 'Deployment');

  it.each(deployments.filter((d) => tierOf(d) === 'gateway' || tierOf(d) === 'subgraph').map((d) => d.metadata.name))('%s runs two replicas or more', (name) => {
    expect(deployments.find((d) => d.metadata.name === name)?.spec?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('autoscales the gateway Deployment from two replicas', () => {
    const autoscalers = ofKind(objects, 'HorizontalPodAutoscaler');
    expect(autoscalers).toHaveLength(1);
    const target = autoscalers[0]?.spec?.scaleTargetRef;
    expect(target).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(deployments.map((d) => d.metadata.name)).toContain(target?.name);
    expect(autoscalers[0]?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('runs no simulator, no development IdP and keeps nothing on volumes', () => {
    expect(deployments.filter((d) => tierOf(d) === 'legacy' || tierOf(d) === 'identity')).toEqual([]);
    expect(ofKind(objects, 'PersistentVolumeClaim')).toEqual([]);
  });

  it('gives every stateful component its own DATABASE_URL Secret (the witness a database of its own) and the gateway REDIS_URL', () => {
    const databaseSecret = (name: string) => {
      const d = deployments.find((x) => x.metadata.name === name);
      return d && mainContainer(d).env?.find((v) => v.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.name;
    };
    const users = ['gateway', 'witness', 'supervision', 'webhooks', 'dossiers', ...connectedMinistries.map((m) => m.subgraph.name)];
    const secrets = users.map(databaseSecret);
    for (const [i, secret] of secrets.entries()) expect(secret, users[i]).toBeDefined();
    expect(new Set(secrets).size).toBe(users.length);
    const env = (name: string) => {
      const d = deployments.find((x) => x.metadata.name === name);
      if (!d) throw new Error(`no Deployment ${name}`);
      return resolveEnv(mainContainer(d), objects);
    };
    expect(new URL(env('witness').DATABASE_URL ?? '').host).not.toBe(new URL(env('gateway').DATABASE_URL ?? '').host);
    expect(env('gateway').REDIS_URL).toMatch(/^rediss?:\/\//);
    for (const d of deployments.filter((x) => x.metadata.name !== 'gateway')) expect(env(d.metadata.name).REDIS_URL, d.metadata.name).toBeUndefined();
  });
  it('gives the gateway and every ministry subgraph one documents database (DOCUMENTS_DATABASE_URL), apart from their own', () => {
    const env = (name: string) => {
      const d = deployments.find((x) => x.metadata.name === name);
      if (!d) throw new Error(`no Deployment ${name}`);
      return resolveEnv(mainContainer(d), objects);
    };
    const users = ['gateway', ...connectedMinistries.map((m) => m.subgraph.name)];
    const urls = users.map((name) => env(name).DOCUMENTS_DATABASE_URL);
    for (const [i, url] of urls.entries()) expect(url, users[i]).toMatch(/^postgres(ql)?:\/\//);
    expect(new Set(urls).size, 'one documents database').toBe(1);
    for (const name of users) expect(env(name).DOCUMENTS_DATABASE_URL, name).not.toBe(env(name).DATABASE_URL);
    // Nobody else holds it: the webhooks, supervision and dossiers subgraphs never read a citizen's files.
    for (const d of deployments.filter((x) => !users.includes(x.metadata.name))) expect(env(d.metadata.name).DOCUMENTS_DATABASE_URL, d.metadata.name).toBeUndefined();
  });
});

describe('no secret is committed', () => {
  it.each(overlayNames)("%s: every example secret is a placeholder, and the overlay's secrets/ is ignored by git", (overlay) => {
    const examples = join(kubernetesRoot, 'overlays', overlay, 'secrets.example');
    for (const file of readdirSync(examples)) {
      const lines = readFileSync(join(examples, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'));
      for (const line of lines) expect(line, `${file}: ${line}`).toContain('REPLACE_ME');
    }
    const ignored = execFileSync('git', ['check-ignore', '--no-index', join(kubernetesRoot, 'overlays', overlay, 'secrets', 'internal-token.env')], { encoding: 'utf8' });
    expect(ignored.trim()).not.toBe('');
  });

  it.each(overlayNames)('%s: every Secret is generated by the overlay from its files', (overlay) => {
    for (const secret of ofKind(overlays[overlay], 'Secret')) expect(secret.metadata.name).toMatch(/^guichet-[a-z-]+-[a-z0-9]{10}$/);
  });
});
