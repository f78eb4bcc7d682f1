package dev.fuspath.executor;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.ProgrammerCommand;
import java.util.ArrayList;
import java.util.List;

/** The STM32_Programmer_CLI connection arguments for an interface, as the planner writes them. */
public final class Connection {

    private Connection() {
    }

    public static List<String> args(InterfaceKind iface) {
        return connect(iface).arguments();
    }

    /** port=usb1 for USB, else port=swd. */
    public static ProgrammerCommand.Connect connect(InterfaceKind iface) {
        return ProgrammerCommand.Connect.of(iface == InterfaceKind.USB ? InterfaceKind.USB : InterfaceKind.SWD);
    }

    /**
     * The connection for reading the device: over SWD in hot-plug mode, without the reset that a connection under
     * reset makes (ST's advice for reading the FUS version over SWD: start FUS, then reconnect in hot-plug mode and
     * read; community.st.com "why-after-fwdelete-stm32wb55-i-got-gt-0x20030030-00000000").
     */
    public static List<String> forReading(InterfaceKind iface, List<String> commands) {
        ProgrammerCommand.Connect c = connect(iface);
        List<String> all = new ArrayList<>(c.interfaceKind() == InterfaceKind.USB ? c.arguments()
                : c.withMode("HOTPLUG").arguments());
        all.addAll(commands);
        return List.copyOf(all);
    }

    public static List<String> with(InterfaceKind iface, List<String> commands) {
        List<String> all = new ArrayList<>(args(iface));
        all.addAll(commands);
        return List.copyOf(all);
    }
}
