package dev.dispatcher.common.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Calls the canonical constructors of this project's records through a method handle made once per record.
 *
 * <p>Jackson 3.1 calls a creator with several arguments through {@code MethodHandle.invokeWithArguments},
 * which builds a spreader on every call: 9 % of the api's CPU while publishing, in a JFR profile of the
 * events-api benchmark (docs/benchmarks.md). Which creator, which arguments and every error stay Jackson's:
 * only the call changes, and a constructor that throws is called again Jackson's way, so that the error is
 * reported exactly as without this module.
 */
final class RecordConstructors implements ValueInstantiators {

    private static final String OWN_PACKAGES = "dev.dispatcher.";

    private RecordConstructors() {
    }

    /** The module that installs it. */
    static JacksonModule module() {
        return new SimpleModule("dispatcher-record-constructors") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new RecordConstructors());
            }
        };
    }

    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef) {
        return null; // Jackson builds its own, then modifyValueInstantiator sees it
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
                                                     ValueInstantiator found) {
        if (found.getClass() == StdValueInstantiator.class
                && ((StdValueInstantiator) found).getWithArgsCreator() instanceof AnnotatedConstructor creator
                && creator.getDeclaringClass().isRecord()
                && creator.getDeclaringClass().getName().startsWith(OWN_PACKAGES)) {
            MethodHandle spread = spreader(creator.getAnnotated());
            if (spread != null) {
                return new Spread((StdValueInstantiator) found, spread);
            }
        }
        return found;
    }

    /** {@code (Object[]) -> Object} calling {@code constructor}; null when it is not accessible from here. */
    static MethodHandle spreader(Constructor<?> constructor) {
        try {
            int n = constructor.getParameterCount();
            return MethodHandles.publicLookup().unreflectConstructor(constructor)
                    .asType(MethodType.genericMethodType(n))
                    .asSpreader(Object[].class, n);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Jackson's instantiator, calling the records' constructor through a spreader made once. */
    static final class Spread extends StdValueInstantiator {

        private final MethodHandle constructor;

        Spread(StdValueInstantiator jacksons, MethodHandle constructor) {
            super(jacksons);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable e) {
                return super.createFromObjectWith(ctxt, args);
            }
        }
    }
}
