/**
 * The load generator behind {@code inetty bench}: a Netty client for echo, discard and chargen that checks every byte
 * it gets back, in the modes of the team's C loadgen (pingpong, stream, churn, sink, source). Its API is
 * {@link io.inetty.bench.BenchConfig#builder}, {@link io.inetty.bench.Bench#run} and {@link io.inetty.bench.Result};
 * the command line lives in the {@code cli} module.
 */
package io.inetty.bench;
