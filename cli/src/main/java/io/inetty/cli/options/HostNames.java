package io.inetty.cli.options;

import io.inetty.protocols.whoami.Identity;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The names a wildcard server answers to: the host name and every address of its interfaces. */
final class HostNames {
    private HostNames() {
    }

    static List<String> all() {
        List<String> names = new ArrayList<>();
        names.add(Identity.hostName());
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    names.add(NetUtil.toAddressString(a));
                }
            }
        } catch (SocketException e) {
            // the host name and loopback (added by the certificate's builder) must do
        }
        return names;
    }
}
