/** Request and call latencies, in seconds: 1 ms to 10 s, denser where our answers fall (5–500 ms). */
export const latencyBucketsSeconds: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
