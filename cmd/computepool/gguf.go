package main

import (
	"context"
	"flag"
	"fmt"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model/gguf"
)

// runGGUF exports a Llama model as GGUF, so llama.cpp can run the same
// weights in side-by-side benchmarks (scripts/llamacpp).
func runGGUF(_ context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("gguf", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face Llama model directory (required)")
	out := fs.String("out", "", "GGUF file to write (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *out == "" {
		return fmt.Errorf("give --model DIR and --out FILE.gguf")
	}
	return gguf.Export(*dir, *out, log)
}
