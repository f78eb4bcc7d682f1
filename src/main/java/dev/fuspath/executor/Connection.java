package dev.fuspath.executor;

import dev.fuspath.programmer.InterfaceKind;
import java.util.ArrayList;
import java.util.List;

/** The STM32_Programmer_CLI connection arguments for an interface, as the planner writes them. */
public final class Connection {

    private Connection() {
    }

    public static List<String> args(InterfaceKind iface) {
        return List.of("-c", iface == InterfaceKind.USB ? "port=usb1" : "port=swd");
    }

    /**
     * The connection for reading the device: over SWD in hot-plug mode, without the reset that a connection under
     * reset makes (ST's advice for reading the FUS version over SWD: start FUS, then reconnect in hot-plug mode and
     * read; community.st.com "why-after-fwdelete-stm32wb55-i-got-gt-0x20030030-00000000").
     */
    public static List<String> forReading(InterfaceKind iface, List<String> commands) {
        List<String> all = new ArrayList<>(args(iface));
        if (iface != InterfaceKind.USB) {
            all.add("mode=HOTPLUG");
        }
        all.addAll(commands);
        return List.copyOf(all);
    }

    public static List<String> with(InterfaceKind iface, List<String> commands) {
        List<String> all = new ArrayList<>(args(iface));
        all.addAll(commands);
        return List.copyOf(all);
    }
}
