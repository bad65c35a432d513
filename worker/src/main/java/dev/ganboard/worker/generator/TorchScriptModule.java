package dev.ganboard.worker.generator;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ganboard.torch.TorchSetup;
import dev.ganboard.worker.EvaluationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TorchScript generator loaded with DJL's PyTorch engine, on the first GPU when the engine finds one, else on
 * the CPU. Each batch runs in an NDManager scope of its own that is closed before the next, so native memory
 * holds one batch at a time. The only class of the worker that touches DJL: libtorch loads on the first call.
 */
final class TorchScriptModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptModule.class);

    private final Model model;
    private final Device device;
    private final String label;

    /** What one forward call returned, copied to the Java heap as float32. */
    record Output(long[] shape, float[] values) {
    }

    private TorchScriptModule(Model model, Device device, String label) {
        this.model = model;
        this.device = device;
        this.label = label;
    }

    static TorchScriptModule load(Path file, String label) {
        TorchSetup.load(TorchSetup.defaultCacheDir(System.getenv()));
        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        Model model = Model.newInstance("generator", device, "PyTorch");
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new EvaluationFailure(label + ": does not load as a TorchScript module (torch.jit.save of a "
                    + "scripted or traced generator): " + firstLine(e));
        }
        LOG.info("{}: TorchScript generator loaded on {} (PyTorch {})", label, device, engine.getVersion());
        return new TorchScriptModule(model, device, label);
    }

    Device device() {
        return device;
    }

    /** forward(z) or forward(z, y) on one batch; y is int64 [rows]. */
    Output forward(LatentStream.Batch batch, int latentSize) {
        try (NDManager scope = model.getNDManager().newSubManager(device)) {
            NDList inputs = new NDList(scope.create(batch.z(), new Shape(batch.rows(), latentSize)));
            if (batch.labels() != null) {
                inputs.add(scope.create(batch.labels(), new Shape(batch.rows())));
            }
            NDList outputs;
            try {
                outputs = model.getBlock().forward(new ParameterStore(scope, false), inputs, false);
            } catch (EngineException e) {
                throw new EvaluationFailure(label + ": the generator's forward(" + (batch.labels() == null
                        ? "z" : "z, y") + ") failed on a batch of " + batch.rows() + ": " + firstLine(e));
            }
            outputs.attach(scope);
            if (outputs.size() != 1) {
                throw new EvaluationFailure(label + ": the generator returned " + outputs.size()
                        + " tensors; expected one (the samples)");
            }
            NDArray out = outputs.head();
            float[] values = out.toType(DataType.FLOAT32, false).toDevice(Device.cpu(), false).toFloatArray();
            return new Output(out.getShape().getShape(), values);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl).strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public void close() {
        model.close();
    }
}
