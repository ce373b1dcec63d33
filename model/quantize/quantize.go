// Package quantize writes int8 copies of Hugging Face checkpoints: every
// weight matrix becomes int8 with one float32 scale per row (symmetric,
// per output channel), the layout of per-channel int8 checkpoints
// ("<name>" I8 [out, in] and "<name>_scale" F32 [out, 1]). Decode reads
// every weight once per token, so half the bytes of bf16 is up to twice the
// tokens per second where memory bandwidth is the limit — and half the
// memory per shard. model.Load recognizes such checkpoints by their dtypes.
package quantize

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/safetensors"
)

// Int8 writes an int8 copy of the model in src to dst (created if needed):
// the same files and tensor order, config.json with a quantization_config,
// the other files (tokenizer, generation config) copied as they are.
func Int8(ctx context.Context, src, dst string, log *zap.Logger) error {
	if _, err := model.LoadConfig(src); err != nil {
		return err
	}
	if abs(src) == abs(dst) {
		return fmt.Errorf("--out must differ from the source model directory %s", src)
	}
	ckpt, err := safetensors.OpenCheckpoint(src)
	if err != nil {
		return err
	}
	defer ckpt.Close()
	byFile, err := tensorsByFile(ckpt)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	if err := copyFiles(src, dst); err != nil {
		return err
	}
	if err := writeConfig(src, dst); err != nil {
		return err
	}
	q := &quantizer{ctx: ctx, ckpt: ckpt, log: log.With(zap.String("out", dst)), start: time.Now()}
	weightMap := map[string]string{}
	var total int64
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		specs, err := q.writeFile(filepath.Join(dst, file), byFile[file])
		if err != nil {
			return err
		}
		for _, s := range specs {
			weightMap[s.Name] = file
			total += s.Bytes()
		}
	}
	if _, err := os.Stat(filepath.Join(src, safetensors.IndexFile)); err == nil {
		index := map[string]any{"metadata": map[string]any{"total_size": total}, "weight_map": weightMap}
		if err := writeJSON(filepath.Join(dst, safetensors.IndexFile), index); err != nil {
			return err
		}
	}
	log.Info("model quantized", zap.String("from", src), zap.String("to", dst), zap.Int("matrices", q.matrices),
		zap.Int64("bytes", total), zap.Duration("took", time.Since(q.start)))
	return nil
}

// Row quantizes one row of weights: scale = max|w|/127 and q = w/scale
// rounded to the nearest integer (ties to even). A row of zeros gets scale 0;
// a row holding NaN or ±Inf gets a scale that is not finite.
func Row(w []float32, q []int8) (scale float32) {
	var amax float32
	for _, v := range w {
		amax = max(amax, float32(math.Abs(float64(v))))
	}
	if amax == 0 {
		clear(q)
		return 0
	}
	scale = amax / 127
	for i, v := range w {
		q[i] = int8(max(-127, min(127, math.RoundToEven(float64(v/scale)))))
	}
	return scale
}

// isMatrix tells which tensors are quantized: 2-D float weights (the
// embedding, the projections, the head), not norms or biases.
func isMatrix(info safetensors.TensorInfo) bool {
	return len(info.Shape) == 2 && info.DType.IsFloat() && strings.HasSuffix(info.Name, ".weight")
}

type quantizer struct {
	ctx      context.Context
	ckpt     *safetensors.Checkpoint
	log      *zap.Logger
	start    time.Time
	last     time.Time
	matrices int
	scales   []float32 // the last matrix's, written as the next tensor
}

// writeFile writes one output file: each matrix as int8 followed by its
// scales, every other tensor copied byte for byte.
func (q *quantizer) writeFile(path string, infos []safetensors.TensorInfo) ([]safetensors.TensorSpec, error) {
	var specs []safetensors.TensorSpec
	for _, info := range infos {
		if isMatrix(info) {
			specs = append(specs,
				safetensors.TensorSpec{Name: info.Name, DType: safetensors.I8, Shape: info.Shape},
				safetensors.TensorSpec{Name: info.Name + model.ScaleSuffix, DType: safetensors.F32, Shape: []int{info.Shape[0], 1}})
		} else {
			specs = append(specs, safetensors.TensorSpec{Name: info.Name, DType: info.DType, Shape: info.Shape})
		}
	}
	err := safetensors.Write(path, specs, map[string]string{"format": "pt"}, func(i int, w io.Writer) error {
		if err := q.ctx.Err(); err != nil {
			return err
		}
		s := specs[i]
		switch {
		case strings.HasSuffix(s.Name, model.ScaleSuffix) && s.DType == safetensors.F32 && q.scales != nil:
			b, err := safetensors.EncodeFloat32(safetensors.F32, q.scales)
			q.scales = nil
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		case s.DType == safetensors.I8:
			return q.matrix(s, w)
		default:
			return q.copy(s.Name, w)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return specs, nil
}

// matrix quantizes a float matrix row by row into w and keeps its scales.
func (q *quantizer) matrix(s safetensors.TensorSpec, w io.Writer) error {
	rows, cols := s.Shape[0], s.Shape[1]
	vals, err := q.ckpt.ReadFloat32(s.Name, s.Shape)
	if err != nil {
		return err
	}
	out := make([]int8, len(vals))
	q.scales = make([]float32, rows)
	for r := range rows {
		scale := Row(vals[r*cols:(r+1)*cols], out[r*cols:(r+1)*cols])
		if math.IsNaN(float64(scale)) || math.IsInf(float64(scale), 0) {
			return fmt.Errorf("tensor %q: row %d holds a NaN or infinite weight; the checkpoint is broken", s.Name, r)
		}
		q.scales[r] = scale
	}
	q.matrices++
	if time.Since(q.last) > 2*time.Second {
		q.log.Info("quantizing weights", zap.String("tensor", s.Name), zap.Int("matrices_done", q.matrices),
			zap.Duration("elapsed", time.Since(q.start)))
		q.last = time.Now()
	}
	return binary.Write(w, binary.LittleEndian, out)
}

func (q *quantizer) copy(name string, w io.Writer) error {
	f, err := q.ckpt.File(name)
	if err != nil {
		return err
	}
	_, raw, err := f.ReadRaw(name)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// tensorsByFile lists each file's tensors in their order in the file.
func tensorsByFile(ckpt *safetensors.Checkpoint) (map[string][]safetensors.TensorInfo, error) {
	out := map[string][]safetensors.TensorInfo{}
	for _, name := range ckpt.Names() {
		f, err := ckpt.File(name)
		if err != nil {
			return nil, err
		}
		info, _ := f.Info(name)
		if info.DType == safetensors.I8 || strings.HasSuffix(name, model.ScaleSuffix) {
			return nil, fmt.Errorf("%s: tensor %q is already quantized", ckpt.Dir, name)
		}
		file := filepath.Base(f.Path)
		out[file] = append(out[file], info)
	}
	for _, infos := range out {
		sort.Slice(infos, func(i, j int) bool { return infos[i].Begin < infos[j].Begin })
	}
	return out, nil
}

// weightFiles are extensions of weights in any format: the int8 copy holds
// its own, and a copy of the float ones (a GGUF for llama.cpp, say) would
// not match it.
var weightFiles = []string{".safetensors", ".gguf", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx"}

// copyFiles copies every regular file of src but weights and config.json:
// the tokenizer, the generation config, templates.
func copyFiles(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || name == "config.json" || name == safetensors.IndexFile || slices.Contains(weightFiles, filepath.Ext(name)) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeConfig copies config.json, every field kept, and records the
// quantization the way per-channel int8 checkpoints do (compressed-tensors'
// vocabulary), so tools that read it know what the tensors hold.
func writeConfig(src, dst string) error {
	b, err := os.ReadFile(filepath.Join(src, "config.json"))
	if err != nil {
		return err
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(src, "config.json"), err)
	}
	if _, ok := c["quantization_config"]; ok {
		return errors.New(filepath.Join(src, "config.json") + " already has a quantization_config")
	}
	c["quantization_config"] = map[string]any{
		"quant_method": "compressed-tensors",
		"format":       "int-quantized",
		"config_groups": map[string]any{"group_0": map[string]any{
			"targets": []string{"Linear", "Embedding"},
			"weights": map[string]any{"num_bits": 8, "type": "int", "symmetric": true, "strategy": "channel"},
		}},
	}
	return writeJSON(filepath.Join(dst, "config.json"), c)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
