package shard

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/backends"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/safetensors"
)

var testBackend = func() backends.Backend {
	spec := backend.Default
	if s := os.Getenv("COMPUTEPOOL_TEST_BACKEND"); s != "" {
		spec = s
	}
	b, err := backend.New(spec)
	if err != nil {
		panic(err)
	}
	return b
}()

// tinyModel writes a random tiny model of arch; mutate may change its config.
func tinyModel(t testing.TB, arch string, dtype safetensors.DType, mutate func(*model.Config)) string {
	t.Helper()
	c, err := genmodel.Preset(arch, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	// A small vocabulary keeps the race-detector run fast; these tests feed
	// token ids, so the real tokenizer (which would not fit) is not needed.
	genmodel.ShrinkVocab(c, 512)
	if mutate != nil {
		mutate(c)
	}
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, genmodel.Options{DType: dtype, Seed: 7}, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadChain loads the model in dir as consecutive stages split at cuts.
func loadChain(t testing.TB, dir string, opts Options, cuts ...int) Chain {
	t.Helper()
	c, err := model.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	bounds := append(append([]int{0}, cuts...), c.NumHiddenLayers)
	var ch Chain
	for i := 0; i+1 < len(bounds); i++ {
		m, err := model.Load(context.Background(), dir, model.Range{Start: bounds[i], End: bounds[i+1]}, testBackend, zaptest.NewLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		rt, err := New(m, opts, zaptest.NewLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rt.Close(); m.Close() })
		ch = append(ch, rt)
	}
	return ch
}

// teacherForced feeds prompt, then each of cont one token at a time, and
// returns the logits after the prompt and after every continuation token.
func teacherForced(t testing.TB, ch Chain, prompt, cont []int32) [][]float32 {
	t.Helper()
	ctx := context.Background()
	slots := make([]int, len(ch))
	for i, st := range ch {
		s, err := st.Acquire()
		if err != nil {
			t.Fatal(err)
		}
		slots[i] = s
		defer st.Release(s)
	}
	var rows [][]float32
	logits, err := ch.forward(ctx, slots, prompt)
	if err != nil {
		t.Fatal(err)
	}
	rows = append(rows, slices.Clone(logits)) // the slot reuses its logits buffer
	for _, tok := range cont {
		logits, err := ch.forward(ctx, slots, []int32{tok})
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, slices.Clone(logits))
	}
	return rows
}

// maxRelDiff is max|a-b| / max(1, max|b|) over two rows.
func maxRelDiff(a, b []float32) float64 {
	var diff, scale float64 = 0, 1
	for i := range a {
		diff = math.Max(diff, math.Abs(float64(a[i]-b[i])))
		scale = math.Max(scale, math.Abs(float64(b[i])))
	}
	if len(a) != len(b) {
		return math.Inf(1)
	}
	return diff / scale
}

func randomIDs(n, vocab int, seed int) []int32 {
	ids := make([]int32, n)
	x := uint32(seed*2654435761 + 12345)
	for i := range ids {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		ids[i] = int32(x % uint32(vocab-2)) // keep clear of BOS/EOS at the top
	}
	return ids
}

// numpyPython finds a python3 with NumPy; CI must have it (.ci/run installs
// python3-numpy), a developer machine without it skips.
func numpyPython(t testing.TB) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if err := exec.Command(py, "-c", "import numpy").Run(); err == nil {
			return py
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("python3 with NumPy not found: install python3-numpy (apt-get install python3-numpy)")
	}
	t.Skip("python3 with NumPy not found; apt-get install python3-numpy to run the reference comparison")
	return ""
}

// reference runs the independent NumPy implementation over ids and returns
// logits for every position.
func reference(t testing.TB, dir string, ids []int32, extra ...string) [][]float32 {
	t.Helper()
	py := numpyPython(t)
	out := filepath.Join(t.TempDir(), "ref.npy")
	args := append([]string{"../model/testdata/hf_reference.py", "--model", dir, "--ids", joinIDs(ids), "--out", out}, extra...)
	cmd := exec.Command(py, args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reference failed: %v\n%s", err, b)
	}
	data, shape, err := npy.ReadFloat32(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]float32, shape[0])
	for i := range rows {
		rows[i] = data[i*shape[1] : (i+1)*shape[1]]
	}
	return rows
}

func joinIDs(ids []int32) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return strings.Join(parts, ",")
}

// againstReference teacher-forces prompt then cont through the model in dir
// and checks each position's logits against the NumPy reference within
// tolerance (relative to max |logit|); it returns the logits and the worst
// difference.
func againstReference(t *testing.T, dir string, prompt, cont []int32, opts Options, tolerance float64) ([][]float32, float64) {
	t.Helper()
	ids := append(append([]int32{}, prompt...), cont...)
	ref := reference(t, dir, ids[:len(ids)-1])
	got := teacherForced(t, loadChain(t, dir, opts), prompt, cont[:len(cont)-1])
	var worst float64
	for i, row := range got {
		pos := len(prompt) - 1 + i
		d := maxRelDiff(row, ref[pos])
		if d > tolerance {
			t.Errorf("position %d: logits differ from the reference by %.3g (relative, tolerance %g)", pos, d, tolerance)
		}
		worst = max(worst, d)
	}
	t.Logf("max relative logit difference over %d positions: %.2g", len(got), worst)
	return got, worst
}
