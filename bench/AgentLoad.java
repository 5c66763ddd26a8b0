import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM with options: {@code java bench/AgentLoad.java PID LIBRARY OPTIONS}.
 * bench/run.sh starts and stops async-profiler with it around each measured run. jcmd's JVMTI.agent_load
 * cannot do this: its argument parser takes the '=' in async-profiler's options for its own named arguments.
 */
public class AgentLoad {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
