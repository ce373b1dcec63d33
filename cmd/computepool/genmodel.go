package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/model/quantize"
	"github.com/computepool/computepool/safetensors"
)

func runGenmodel(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("genmodel", flag.ContinueOnError)
	arch := fs.String("arch", "llama", "architecture: llama, qwen2 or qwen3")
	preset := fs.String("preset", "tiny", "size: "+strings.Join(genmodel.Presets, ", ")+" (1b = Llama-3.2-1B's dimensions)")
	out := fs.String("out", "", "output directory (required)")
	seed := fs.Uint64("seed", 1, "random seed (same seed, same weights)")
	dtype := fs.String("dtype", "bf16", "weight dtype in the checkpoint: bf16, f16 or f32")
	shardMB := fs.Int64("shard-mb", 0, "split weights into files of at most this many MiB with an index (0 = 2048)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("--out is required")
	}
	c, err := genmodel.Preset(*arch, *preset)
	if err != nil {
		return err
	}
	return genmodel.Write(*out, c, genmodel.Options{
		DType: safetensors.DType(strings.ToUpper(*dtype)), Seed: *seed, MaxShardBytes: *shardMB << 20,
	}, log)
}

func runQuantize(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("quantize", flag.ContinueOnError)
	dir := fs.String("model", "", "model directory to quantize (required)")
	out := fs.String("out", "", "output directory (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *out == "" {
		return fmt.Errorf("--model and --out are required")
	}
	return quantize.Int8(ctx, *dir, *out, log)
}
