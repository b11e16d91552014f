package io.latentj.bindings.internal;

import io.latentj.bindings.OpenBlas;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Links the downcall handles of the generated-style binding classes against the loaded OpenBLAS. When the
 * library or the symbol is missing, the handle still exists (so no class initializer fails) but throws an
 * {@link IllegalStateException} with the reason when invoked.
 */
public final class Downcalls {
    private static final MethodHandle RAISE;

    static {
        try {
            RAISE = MethodHandles.lookup().findStatic(Downcalls.class, "raise",
                    MethodType.methodType(Object.class, String.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Downcalls() {}

    /** The address of {@code name} in the loaded OpenBLAS, or {@link MemorySegment#NULL}. */
    public static MemorySegment address(String name) {
        if (!OpenBlas.isAvailable()) return MemorySegment.NULL;
        return OpenBlas.lookup().find(name).orElse(MemorySegment.NULL);
    }

    /** A downcall handle for {@code name}, or a handle that throws the reason it is missing. */
    public static MethodHandle handle(String name, FunctionDescriptor desc, Linker.Option... options) {
        Optional<String> why = OpenBlas.unavailableReason();
        if (why.isPresent()) return missing(desc, name + ": " + why.get());
        MemorySegment addr = address(name);
        if (addr.equals(MemorySegment.NULL)) {
            return missing(desc, "symbol " + name + " is not exported by " + OpenBlas.libraryPath().orElseThrow());
        }
        return Linker.nativeLinker().downcallHandle(addr, desc, options);
    }

    private static MethodHandle missing(FunctionDescriptor desc, String message) {
        MethodType type = desc.toMethodType();
        return MethodHandles.insertArguments(RAISE, 0, message)
                .asCollector(Object[].class, type.parameterCount())
                .asType(type);
    }

    @SuppressWarnings("unused") // via RAISE
    private static Object raise(String message, Object[] ignored) {
        throw new IllegalStateException(message);
    }
}
