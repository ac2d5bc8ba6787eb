/** How the figures were taken and what each target is, appended to every report. */
export const methodNotes = `## Method

- **The stack** is started by the bench on loopback and ephemeral ports, as deployed: gateway and subgraphs with
  \`NODE_ENV=production\` (trusted documents enforced, production secrets, \`LOG_LEVEL=info\`), the development IdP
  minting the tokens (signed again without its development mark, as a production provider would issue them: a
  production gateway refuses the development IdP's own). Guichet's rate limits stay on, raised out of the way, so their cost is measured; every personal
  read is written to the audit trail, as in production. The simulators start with their realistic latency; the
  bench switches it at run time (\`PUT /__admin/latency\` to 0/0 for the throughput mode, \`POST /__admin/reset\`
  back to the realistic distributions for the latency mode). civil-registry's shared identity cache is on and kept
  for the run (\`IDENTITY_CACHE_TTL_MS\` one hour), warmed before any figure by every dashboard citizen's dashboard
  once through Guichet, so every target meets the same warm cache (a returning citizen; the warming pass reports a
  first visit's calls). Guichet's gateway keeps a citizen's dossiers read by reference while the change feeds prove
  them unchanged (cache class \`feed\`, docs/performance.md "Answers proven by the change feeds at the gateway"): a
  repeated \`status\` poll is answered without a subgraph call; the other gateways ask every time.
  \`--variant nofeed:FEED_PROOF_MAX_OWNERS=0\` measures Guichet without it. The legacy bulkheads' queues are raised (\`*_BULKHEAD_QUEUE=2048\`: 50 dashboards at once
  would otherwise be refused as overload, and the bench would measure that protection instead of the gateways). Before each measured run the bench waits for the
  stack's \`/ready\` to say \`ready\` (every legacy circuit closed), so that no run inherits another's open circuit.
- **Targets.** \`guichet\`: the stack's gateway (\`WORKERS\` = the comparison's workers). \`apollo\`: stock
  \`@apollo/gateway\` + \`@apollo/server\` (\`startStandaloneServer\`, default \`RemoteGraphQLDataSource\`, no tuning)
  from \`bench/peers/apollo-gateway.mjs\`. \`hive\`: Hive Gateway's CLI (\`hive-gateway supergraph <file> --fork N\`,
  default runtime) with \`bench/peers/gateway.config.ts\`. \`hive-rust\`: the same CLI with \`--hive-router-runtime\`
  (\`@graphql-hive/router-runtime\` 1.4.23 in bench/peers: the Rust query planner \`@graphql-hive/router-query-planner\`
  0.0.38, a prebuilt linux-x64-gnu addon; it installs and loads on Node 20.20 here, npm warning that some of its
  dependencies ask for Node ≥ 22.12); the CLI silently falls back to its default runtime when the package does not load,
  so the bench treats that log line as a start failure. \`direct\`: the subgraph that owns the data — the
  electricity subgraph's \`electricityConnectionRequest(reference)\` with the same fields for \`status\` (the gateway
  needs two hops for it: \`dossiers\` maps the reference, then electricity), the dossiers subgraph's \`procedures\`
  for \`catalogue\`. Both peers read the committed \`schema/supergraph.graphql\` with its subgraph URLs rewritten
  to the stack's ports, and run with \`NODE_ENV=production\`.
- **What each peer's configuration adds**, and nothing else: Guichet's subgraphs accept only requests carrying the
  gateway's internal token (\`x-guichet-internal-token\`, HS256), so the bench client signs one for the same
  principal the gateway would derive from the caller's access token and sends it; the stock gateway forwards it with
  a \`RemoteGraphQLDataSource.willSendRequest\` that copies that one header; Hive Gateway with
  \`propagateHeaders.fromClientToSubgraphs\` for that one header. With more than one worker, the stock gateway runs
  that many copies under \`node:cluster\` sharing the port (Hive Gateway: \`--fork\`; Guichet: \`WORKERS\`). Guichet
  is sent the bearer token only and signs its own internal tokens, as in production.
- **Requests.** Every gateway gets the same bodies: the manifest's exact document text (\`clients/trusted-documents.json\`),
  rotating through many keys — \`status\`: the CEET dossiers of many citizens, each request with its owner's own
  token; \`dashboard\`: as many citizens, each with their own token; \`agent-list\`: an ENERGY agent, rotating over the
  pages of 100 of CEET's worklist; \`catalogue\`: anonymous. Every request carries a unique \`x-request-id\`.
- **Runs.** autocannon at fixed connections for a fixed time; per scenario, a warm-up of each target, then rounds in
  which the targets take turns (A B C D, then D C B A…), each target starting at the same point of the rotation in a
  round. The load generator, the stack and the target share the machine's cores: figures compare targets under the
  same conditions, they are not each target's ceiling.
- **Figures.** req/s = responses / run time over all rounds; latencies are autocannon's per response, percentiles
  over all rounds. Errors: non-2xx answers, 2xx answers whose body holds GraphQL \`errors\`, and requests with no
  answer (refused, reset, timed out after 30 s). A row with more than 1% errors gets no ratio. Peak RSS: VmRSS of the
  target's process and all its descendants (cluster workers) sampled every 200 ms from /proc, the highest sum and
  each process's own peak. Legacy calls per operation: the simulators' call counters (reset before each measured run,
  read once the requests cut off at its end have settled) divided by the requests sent.
- **Push against polling** (issue 15; \`--push\` runs it alone, the full run includes it, the quick profile does
  not). The stack's own supervision subgraph is paused (SIGSTOP) meanwhile: the section starts a supervision subgraph
  of its own per \`SUPERVISION_POLL_MS\` (its own read model, waited for until its initial load is done) and a
  gateway whose subscriptions read it (\`DOSSIER_EVENTS_URL\`), so the change-feed calls counted are its alone. The
  simulators run at their realistic latency. Latency: citizens' apps subscribed to \`MyDossierEvents\` (the shipped
  document) with the real \`graphql-sse\` (distinct connections) and \`graphql-ws\` clients; every dossier is first
  put at a start status, then status changes are made at random instants through each simulator's
  \`POST /__admin/dossiers/<number>/status\`, cycling through codes whose normalized status always differs (so each
  makes an event), never two pending on one dossier; each is timed from the admin call to the owner's app receiving
  its STATUS_CHANGED. Polling: the same citizens ask \`DossierStatus\` for each of their dossiers through the stack's
  gateway, in rounds; the simulators' call counters (feeds apart) give the calls per poll. The per-hour figures are
  computed from these measured rates (formulas printed with them). Streams: a fresh gateway process with the caps
  raised, SSE streams opened with node:http (one connection each), memory from /proc and the gateway's \`/metrics\`,
  CPU from /proc.
- **Same answers.** Before any load, every gateway is sent the same requests of \`status\` and \`dashboard\` (50 each, 10
  in the quick profile, spread over the rotation: same bodies, same callers' tokens) one request to all gateways before
  the next, and each answer is compared with Guichet's: \`data\` value for value, arrays in order; of \`errors\` only
  their paths. Not compared: \`extensions\` and error messages (each gateway's own metadata and wording); a different
  object key order is counted apart, not as a mismatch (\`bench/compare-answers.ts\`).
- **Gateway CPU per request** (\`--gateway-cpu none\` skips it). Throughput mode; each gateway alone in turn, warm-up then
  the rounds at the run's connections; CPU (utime + stime of the process tree, /proc) over each run divided by its
  responses. \`status\` and \`dashboard\` on the stack's gateways, with every process's CPU per request beside the
  gateway's (each subgraph, the witness, the IdP, the simulators together: the same processes behind both gateways);
  \`nested\` on four bench-only subgraphs of the public federation gateway
  benchmark's shape (graphql-hive/federation-benchmarks: accounts, inventory, products, reviews; our own code and data
  in \`bench/nested-*.ts\`, one @apollo/server process for the four), one query five entity levels deep with a
  \`@requires\` and a \`@provides\`, about 80 KB per answer, every request the same and anonymous. Its supergraph is
  composed with Apollo's composition like Guichet's and run by every gateway from the same file — Guichet's with
  \`SUPERGRAPH_PATH\` and the query in a manifest of its own (\`TRUSTED_DOCUMENTS_PATH\`), production settings and
  every plugin otherwise (rate limits raised as for the stack, audit on). \`--cpu-profile DIR\` runs Guichet's side
  of \`nested\` under \`node --cpu-prof\` (its figure then includes the profiler's overhead) and, after the counted
  \`status\` and \`dashboard\` rounds, each again on a fresh profiled Guichet gateway (warm-up, then as long as the
  rounds; not counted: those figures stay the warm stack gateway's); it prints self time by module and function.
- **Hive Gateway and \`Dossier\`.** Hive Gateway 2.15's default (stitching) runtime refuses a field of an interface
  that a subgraph declares while every implementation there leaves it \`@external\` ("Was not able to find any options
  for reference"). The \`dossiers\` subgraph therefore declares only \`Dossier\`'s hidden key; the ministries declare its
  public fields (docs/architecture.md), and Hive runs \`status\` and \`dashboard\` like the other gateways.
`;
