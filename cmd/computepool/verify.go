package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/workflows/poolctl"
)

// Environment of the step sampler (flags override).
const (
	envVerifyRate = "COMPUTEPOOL_VERIFY_RATE"
	envVerifyDir  = "COMPUTEPOOL_VERIFY_DIR"
	envVerifySeed = "COMPUTEPOOL_VERIFY_SEED"
)

// verifyFlags configure the step sampler of a shard (--temporal) or of the
// API's pipeline head (--temporal --pool): the party witnesses its
// neighbours' sampled steps and submits them to the pool's workflow, which
// recomputes them on another node and slashes a wrong result.
type verifyFlags struct {
	rate       float64
	dir, seed  string
	explicit   bool // --verify-rate was given
	defaultDir string
}

func (v *verifyFlags) register(fs *flag.FlagSet) {
	rate := envOr(envVerifyRate, "0.001")
	fs.Func("verify-rate", "fraction of requests of which one step is verified by recomputation on another node, 0 = off; every party of a pool must use the same rate and seed (default "+rate+"; env "+envVerifyRate+")", func(s string) error {
		v.explicit = true
		_, err := fmt.Sscan(s, &v.rate)
		return err
	})
	fmt.Sscan(rate, &v.rate)
	v.defaultDir = filepath.Join(filepath.Dir(defaultAXLDir("x")), "..", "verify")
	fs.StringVar(&v.dir, "verify-dir", envOr(envVerifyDir, ""), "where sampled steps' inputs are stored for the verifier: the same directory for every party and verifier of the pool — one host, or a shared filesystem (default $XDG_DATA_HOME/computepool/verify; env "+envVerifyDir+")")
	fs.StringVar(&v.seed, "verify-seed", envOr(envVerifySeed, ""), "the pool's sampling secret: which requests are verified is hidden from whoever lacks it (env "+envVerifySeed+")")
}

// start runs a reporter for pool() through ctl and returns the sampler
// config that feeds it; off (zero Verify, nil reporter) at rate 0.
func (v *verifyFlags) start(ctx context.Context, ctl *poolctl.Controller, pool func() string, log *zap.Logger) (pipeline.Verify, *poolctl.StepReporter, error) {
	if v.rate <= 0 {
		return pipeline.Verify{}, nil, nil
	}
	if v.rate > 1 {
		return pipeline.Verify{}, nil, fmt.Errorf("--verify-rate %g: want a fraction in [0, 1]", v.rate)
	}
	dir := v.dir
	if dir == "" {
		dir = filepath.Clean(v.defaultDir)
	}
	rep, err := poolctl.NewStepReporter(poolctl.StepReporterConfig{Controller: ctl, Pool: pool, Dir: dir, Log: log.Named("verify")})
	if err != nil {
		return pipeline.Verify{}, nil, err
	}
	go rep.Run(ctx)
	log.Info("step verification on", zap.Float64("rate", v.rate), zap.String("dir", dir))
	return pipeline.Verify{Rate: v.rate, Seed: v.seed, Report: rep.Report}, rep, nil
}
