package io.inetty.server;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The server's event loops: a {@link MultiThreadIoEventLoopGroup} whose loops report their end on the loop's
 * own thread. Netty's loops complete their termination future on its {@code GlobalEventExecutor}, and the group
 * listens to it, so every shutdown starts that thread, which then lingers for a second after the server has
 * stopped (thread-leak checkers flag it); these loops start no thread of their own.
 */
final class EventLoops extends MultiThreadIoEventLoopGroup {

    EventLoops(int threads, ThreadFactory threadFactory, IoHandlerFactory handlerFactory) {
        super(threads, threadFactory, handlerFactory);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory handlerFactory, Object... args) {
        Promise<Void> terminated = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
        // The loop runs its whole life in one task of the executor: completing after it means the loop has ended.
        Executor reporting = task -> executor.execute(() -> {
            try {
                task.run();
            } finally {
                terminated.trySuccess(null);
            }
        });
        return new Loop(this, reporting, handlerFactory, terminated);
    }

    /** A loop whose termination future completes, and notifies its listeners, on the loop's own thread. */
    private static final class Loop extends SingleThreadIoEventLoop {
        private final Promise<Void> terminated;

        Loop(IoEventLoopGroup parent, Executor executor, IoHandlerFactory handlerFactory, Promise<Void> terminated) {
            super(parent, executor, handlerFactory);
            this.terminated = terminated;
        }

        @Override
        public Future<?> terminationFuture() {
            return terminated;
        }
    }
}
