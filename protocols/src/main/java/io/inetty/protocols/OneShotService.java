package io.inetty.protocols;

/**
 * A service of the {@link OneShot} shape (qotd, daytime, time): one message per connection, then close, or one
 * per datagram. A subclass only makes the message.
 */
public abstract class OneShotService extends BaseService implements Responder {
    /** A one-shot service called {@code name} on {@code defaultPort}, over TCP and UDP. */
    protected OneShotService(String name, int defaultPort) {
        super(name, defaultPort);
        sharedStages(OneShot.tcp(this), OneShot.udp(this));
    }
}
