package io.kadmesh.it.harness;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * A Java agent for node processes ({@code -javaagent}) that turns the node's real metrics plugin into
 * one that throws on every call: each public method that {@value #PLUGIN} declares (the SPI's
 * {@code bind}, {@code frame}, {@code transportError}, {@code rpc}, {@code lookup},
 * {@code configApplied}) throws an {@link IllegalStateException} saying {@value #MESSAGE} before its
 * first instruction. Constructors are left alone, so the bean is still made.
 * <p>
 * Only this class and its nested classes go into the agent jar ({@link AgentJar}); Byte Buddy comes
 * from the jar's {@code Class-Path}. The advice is inlined into the plugin, which the node's Quarkus
 * class loader loads, so it refers to JDK classes only. The agent prints one line to standard error
 * when it has changed the plugin, and one for each class it failed to change, both into the node's log.
 */
public final class ThrowingMetricsAgent {

    /** The class made to throw: the metrics plugin the packaged node uses. */
    public static final String PLUGIN = "io.kadmesh.plugin.micrometer.MicrometerRecorder";
    /** What every thrown exception says. */
    public static final String MESSAGE = "injected by ThrowingMetricsAgent";

    private ThrowingMetricsAgent() {
    }

    /** Entry point of {@code -javaagent}: installs the change for the plugin class, loaded later. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        new AgentBuilder.Default().disableClassFormatChanges().ignore(not(nameStartsWith("io.kadmesh.")))
                .type(named(PLUGIN)).transform(ThrowingMetricsAgent::throwEverywhere).with(new Report())
                .installOn(instrumentation);
    }

    /** {@code builder} with every public method its type declares throwing at entry. */
    static DynamicType.Builder<?> throwEverywhere(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, ProtectionDomain domain) {
        return builder.visit(throwingMethods(type));
    }

    /** The advice on {@code type}'s own public methods. */
    static AsmVisitorWrapper throwingMethods(TypeDescription type) {
        return Advice.to(ThrowAtEntry.class).on(isMethod().and(isPublic()).and(isDeclaredBy(type)));
    }

    /** Advice inlined at the entry of each changed method: it only throws. */
    static final class ThrowAtEntry {

        private ThrowAtEntry() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            throw new IllegalStateException(MESSAGE);
        }
    }

    /** Reports to standard error (the node's log) what the agent changed, and what it could not. */
    static final class Report extends AgentBuilder.Listener.Adapter {

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            System.err.println("ThrowingMetricsAgent: every public method of " + type.getName() + " now throws");
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable throwable) {
            System.err.println("ThrowingMetricsAgent: could not change " + typeName + ": " + throwable);
            throwable.printStackTrace();
        }
    }
}
