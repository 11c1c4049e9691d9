package io.spikestream.inference.runtime.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickler for {@code data.pkl} of a {@code torch.save} zip archive.
 *
 * <p>Globals are resolved per instance (razorvine's static registry is left untouched): torch tensor
 * rebuild functions, storage classes and {@code collections.OrderedDict} are understood; razorvine's
 * built-in constructors are used next; any other class becomes a {@link LenientObject}.
 */
final class TorchUnpickler extends Unpickler {

    private final Function<String, ByteBuffer> storages;

    /**
     * @param storages raw bytes of storage {@code key} ({@code <root>/data/<key>} in the archive)
     */
    TorchUnpickler(Function<String, ByteBuffer> storages) {
        this.storages = storages;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(resolve(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            String name = (String) stack.pop();
            String module = (String) stack.pop();
            stack.add(resolve(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.SETITEMS) {
            setItemsInOrder();
            return NO_RETURN_VALUE;
        }
        return super.dispatch(key);
    }

    /** SETITEMS keeping pickle order (razorvine collects the items in a HashMap first). */
    @SuppressWarnings("unchecked")
    private void setItemsInOrder() {
        List<Object> items = stack.pop_all_since_marker();
        Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    /** Persistent id {@code ('storage', storage_class, key, location, numel)} becomes a storage reference. */
    @Override
    protected Object persistentLoad(Object pid) {
        Object[] t = pid instanceof Object[] ? (Object[]) pid : null;
        if (t == null || t.length < 3 || !"storage".equals(t[0]) || !(t[1] instanceof TorchDType)) {
            throw new PickleException("Unsupported persistent id " + describe(pid)
                    + "; only torch storages of types " + Arrays.toString(TorchDType.values()) + " are supported");
        }
        return new StorageRef(String.valueOf(t[2]), (TorchDType) t[1]);
    }

    private Object resolve(String module, String name) {
        String full = module + "." + name;
        if (module.equals("torch")) {
            TorchDType dtype = TorchDType.fromStorageClass(name);
            if (dtype != null) {
                return dtype;
            }
        }
        switch (full) {
            case "torch._utils._rebuild_tensor_v2":
            case "torch._utils._rebuild_tensor":
                return (IObjectConstructor) this::rebuildTensor;
            case "torch._utils._rebuild_parameter":
            case "torch._utils._rebuild_parameter_with_state":
                return (IObjectConstructor) args -> args[0];
            case "collections.OrderedDict":
                return (IObjectConstructor) args -> new PyOrderedDict();
            default:
                IObjectConstructor known = objectConstructors.get(full);
                return known != null ? known : (IObjectConstructor) args -> new LenientObject(full, args);
        }
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])}. */
    private Object rebuildTensor(Object[] args) {
        StorageRef ref = (StorageRef) args[0];
        long offset = ((Number) args[1]).longValue();
        long[] size = longs((Object[]) args[2]);
        long[] stride = longs((Object[]) args[3]);
        ByteBuffer storage = storages.apply(ref.key());
        return new TensorData("", ref.dtype(), size, gather(storage, ref.dtype().bytes(), offset, size, stride));
    }

    /** Copies the strided elements into a new contiguous row-major buffer. */
    static ByteBuffer gather(ByteBuffer storage, int bytes, long offset, long[] size, long[] stride) {
        long numel = 1;
        for (long s : size) {
            numel *= s;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(numel * bytes)).order(ByteOrder.LITTLE_ENDIAN);
        if (isContiguous(size, stride)) {
            ByteBuffer src = storage.duplicate();
            src.position(Math.toIntExact(offset * bytes)).limit(Math.toIntExact((offset + numel) * bytes));
            return out.put(src).flip();
        }
        long[] index = new long[size.length];
        byte[] element = new byte[bytes];
        for (long n = 0; n < numel; n++) {
            long at = offset;
            for (int d = 0; d < size.length; d++) {
                at += index[d] * stride[d];
            }
            storage.duplicate().position(Math.toIntExact(at * bytes)).get(element);
            out.put(element);
            increment(index, size);
        }
        return out.flip();
    }

    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private static void increment(long[] index, long[] size) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < size[d]) {
                return;
            }
            index[d] = 0;
        }
    }

    private static long[] longs(Object[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }

    private static String describe(Object pid) {
        return pid instanceof Object[] ? Arrays.deepToString((Object[]) pid) : String.valueOf(pid);
    }

    /** A storage named in the archive, with its element type. */
    record StorageRef(String key, TorchDType dtype) {}
}
