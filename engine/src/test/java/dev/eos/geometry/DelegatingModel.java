package dev.eos.geometry;

import dev.eos.models.Evaluator;
import dev.eos.models.Model;

/** A model that forwards to another one, so tests can override single traits (rank, degeneracy, structure). */
class DelegatingModel implements Model {

    final Model inner;

    DelegatingModel(Model inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int dim() {
        return inner.dim();
    }

    @Override
    public double minLoss() {
        return inner.minLoss();
    }

    @Override
    public Evaluator evaluator() {
        return inner.evaluator();
    }

    @Override
    public String layout() {
        return inner.layout();
    }

    @Override
    public int normalRank() {
        return inner.normalRank();
    }
}
