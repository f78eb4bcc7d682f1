package dev.fuspath.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The STM32_Programmer_CLI connection arguments for an interface, as the planner writes them. */
public final class Connection {

    private Connection() {
    }

    public static List<String> args(String iface) {
        return List.of("-c", iface.toLowerCase(Locale.ROOT).equals("usb") ? "port=usb1" : "port=swd");
    }

    /**
     * The connection for reading the device: over SWD in hot-plug mode, without the reset that a connection under
     * reset makes (ST's advice for reading the FUS version over SWD: start FUS, then reconnect in hot-plug mode and
     * read; community.st.com "why-after-fwdelete-stm32wb55-i-got-gt-0x20030030-00000000").
     */
    public static List<String> forReading(String iface, List<String> commands) {
        List<String> all = new ArrayList<>(args(iface));
        if (!iface.toLowerCase(Locale.ROOT).equals("usb")) {
            all.add("mode=HOTPLUG");
        }
        all.addAll(commands);
        return List.copyOf(all);
    }

    public static List<String> with(String iface, List<String> commands) {
        List<String> all = new ArrayList<>(args(iface));
        all.addAll(commands);
        return List.copyOf(all);
    }
}
