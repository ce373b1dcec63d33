#!/usr/bin/env python3
"""Independent NumPy reference for the Hugging Face transformers forward pass of
LlamaForCausalLM, Qwen2ForCausalLM and Qwen3ForCausalLM (written from
modeling_llama.py / modeling_qwen2.py / modeling_qwen3.py / modeling_rope_utils.py).

Usage:
  /usr/bin/python3 hf_reference.py --model DIR --ids 1,2,3 --out FILE.npy [--no-rope-scaling]

Writes float32 logits of shape [len(ids), vocab_size] for every position of one
full causal forward pass (positions 0..len-1, no KV cache). Weights are stored
as float32 after loading; ALL arithmetic is done in float64 so that the
reference's own rounding error is negligible next to the implementation under test.
Only numpy and the standard library are used.
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np

ARCHS = {"LlamaForCausalLM": "llama", "Qwen2ForCausalLM": "qwen2", "Qwen3ForCausalLM": "qwen3"}
ST_DTYPES = {"F32": np.dtype("<f4"), "F16": np.dtype("<f2"), "BF16": np.dtype("<u2"), "I8": np.dtype("i1")}


class RefError(Exception):
    pass


# ---------------------------------------------------------------- safetensors
def read_header(path):
    """Returns {name: (path, dtype, shape, absolute_byte_offset)} for one file."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            raise RefError("%s: too short for a safetensors header" % path)
        (n,) = struct.unpack("<Q", raw)
        if n > size - 8:
            raise RefError("%s: header length %d exceeds file size" % (path, n))
        header = json.loads(f.read(n).decode("utf-8"))
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt = info["dtype"]
        if dt not in ST_DTYPES:
            raise RefError("%s: tensor %s has unsupported dtype %s" % (path, name, dt))
        shape = tuple(int(s) for s in info["shape"])
        begin, end = info["data_offsets"]
        if end - begin != int(np.prod(shape, dtype=np.int64)) * ST_DTYPES[dt].itemsize or 8 + n + end > size:
            raise RefError("%s: tensor %s has inconsistent data_offsets" % (path, name))
        out[name] = (path, dt, shape, 8 + n + begin)
    return out


def index_weights(model_dir):
    single = os.path.join(model_dir, "model.safetensors")
    if os.path.exists(single):
        return read_header(single)
    idx = os.path.join(model_dir, "model.safetensors.index.json")
    if not os.path.exists(idx):
        raise RefError("%s: neither model.safetensors nor model.safetensors.index.json" % model_dir)
    with open(idx) as f:
        weight_map = json.load(f)["weight_map"]
    tensors = {}
    for fname in sorted(set(weight_map.values())):
        tensors.update(read_header(os.path.join(model_dir, fname)))
    return tensors


class Weights:
    def __init__(self, model_dir):
        self.index = index_weights(model_dir)

    def has(self, name):
        return name in self.index

    def shape(self, name):
        if name not in self.index:
            raise RefError("missing tensor %s" % name)
        return self.index[name][2]

    def get(self, name):
        """Tensor as float32 (bf16 -> f32 is exact: the bf16 bits are the top half of an f32).
        An int8 matrix is dequantized with its per-row scales (NAME_scale, [out, 1]) in float64."""
        if name not in self.index:
            raise RefError("missing tensor %s" % name)
        path, dt, shape, off = self.index[name]
        a = np.array(np.memmap(path, dtype=ST_DTYPES[dt], mode="r", offset=off, shape=shape))
        if dt == "I8":
            scale = self.get(name + "_scale").astype(np.float64).reshape(-1, 1)
            return a.astype(np.float64) * scale
        if dt == "BF16":
            return (a.astype(np.uint32) << 16).view(np.float32)
        return a.astype(np.float32)


# ---------------------------------------------------------------- building blocks
def rms_norm(x, w, eps):
    # HF RMSNorm: upcast to float32, x * rsqrt(mean(x^2) + eps), then weight * x (we stay in f64).
    return w.astype(np.float64) * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps))


def linear(W, prefix, x, bias):
    y = x @ W.get(prefix + ".weight").astype(np.float64).T  # HF Linear weight is [out, in]
    return y + W.get(prefix + ".bias").astype(np.float64) if bias else y


def rotate_half(x):
    # Non-interleaved ("NeoX") convention: pairs are (i, i + d/2), not (2i, 2i+1).
    h = x.shape[-1] // 2
    return np.concatenate([-x[..., h:], x[..., :h]], axis=-1)


def rope_inv_freq(cfg, head_dim, use_scaling):
    # transformers v5 configs nest theta/scaling in "rope_parameters"; v4 uses rope_theta + rope_scaling.
    rp = cfg.get("rope_parameters") or {}
    theta = float(cfg.get("rope_theta", rp.get("rope_theta", 10000.0)))
    if float(cfg.get("partial_rotary_factor", 1.0)) != 1.0:
        raise RefError("partial_rotary_factor != 1 is not supported")
    inv = 1.0 / theta ** (np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
    rs = (cfg.get("rope_scaling") or rp) if use_scaling else {}
    kind = rs.get("rope_type", rs.get("type", "default"))
    if kind == "default":
        return inv
    if kind == "linear":
        return inv / float(rs["factor"])
    if kind != "llama3":
        raise RefError("unsupported rope scaling type %r" % kind)
    # _compute_llama3_parameters: long wavelengths are divided by factor, short ones kept,
    # and the band in between is smoothly interpolated. attention_factor stays 1.0.
    factor, lo, hi = float(rs["factor"]), float(rs["low_freq_factor"]), float(rs["high_freq_factor"])
    old_ctx = float(rs["original_max_position_embeddings"])
    low_wl, high_wl = old_ctx / lo, old_ctx / hi
    wavelen = 2 * math.pi / inv
    inv_l = np.where(wavelen > low_wl, inv / factor, inv)
    smooth = (old_ctx / wavelen - lo) / (hi - lo)
    smoothed = (1 - smooth) * inv_l / factor + smooth * inv_l
    medium = ~(wavelen < high_wl) & ~(wavelen > low_wl)  # both band edges inclusive
    return np.where(medium, smoothed, inv_l)


# ---------------------------------------------------------------- forward pass
def forward(cfg, W, ids, use_scaling):
    arch = ARCHS[cfg["architectures"][0]]
    H, nh = cfg["hidden_size"], cfg["num_attention_heads"]
    nkv = cfg.get("num_key_value_heads") or nh
    # Qwen3Config's head_dim default is 128 (NOT hidden/heads); Llama/Qwen2 fall back to hidden/heads.
    hd = cfg.get("head_dim") or (128 if arch == "qwen3" else H // nh)
    eps, L = float(cfg.get("rms_norm_eps", 1e-6)), cfg["num_hidden_layers"]
    if cfg.get("hidden_act", "silu") != "silu":
        raise RefError("unsupported hidden_act %r" % cfg.get("hidden_act"))
    if nh % nkv:
        raise RefError("num_attention_heads %d not divisible by num_key_value_heads %d" % (nh, nkv))
    qshape = W.shape("model.layers.0.self_attn.q_proj.weight")
    if qshape != (nh * hd, H):
        raise RefError("q_proj.weight is %s but config implies (%d, %d) (head_dim=%d)" % (qshape, nh * hd, H, hd))
    qkv_bias = arch == "qwen2" or bool(cfg.get("attention_bias", False))  # Qwen2: q/k/v only
    o_bias = arch != "qwen2" and bool(cfg.get("attention_bias", False))
    mlp_bias = arch == "llama" and bool(cfg.get("mlp_bias", False))
    # Qwen2/3 sliding window (off unless use_sliding_window): layers >= max_window_layers.
    window = cfg.get("sliding_window") if cfg.get("use_sliding_window", False) else None
    layer_types = cfg.get("layer_types") or [
        "sliding_attention" if window is not None and i >= cfg.get("max_window_layers", L) else "full_attention"
        for i in range(L)]

    E = W.get("model.embed_tokens.weight")
    if not all(0 <= t < E.shape[0] for t in ids):
        raise RefError("token id out of range [0, %d)" % E.shape[0])
    T = len(ids)
    x = E[np.asarray(ids)].astype(np.float64)  # [T, H]

    freqs = np.arange(T, dtype=np.float64)[:, None] * rope_inv_freq(cfg, hd, use_scaling)[None, :]
    emb = np.concatenate([freqs, freqs], axis=-1)  # HF duplicates freqs: cos/sin are [T, hd]
    cos, sin = np.cos(emb)[:, None, :], np.sin(emb)[:, None, :]
    qpos, kpos = np.arange(T)[:, None], np.arange(T)[None, :]

    for i in range(L):
        p = "model.layers.%d." % i
        h = rms_norm(x, W.get(p + "input_layernorm.weight"), eps)
        q = linear(W, p + "self_attn.q_proj", h, qkv_bias).reshape(T, nh, hd)
        k = linear(W, p + "self_attn.k_proj", h, qkv_bias).reshape(T, nkv, hd)
        v = linear(W, p + "self_attn.v_proj", h, qkv_bias).reshape(T, nkv, hd)
        if arch == "qwen3":  # per-head RMSNorm over head_dim, BEFORE rope
            q = rms_norm(q, W.get(p + "self_attn.q_norm.weight"), eps)
            k = rms_norm(k, W.get(p + "self_attn.k_norm.weight"), eps)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        # repeat_kv: kv head j serves query heads j*n_rep .. (j+1)*n_rep-1 (np.repeat, not np.tile).
        k, v = np.repeat(k, nh // nkv, axis=1), np.repeat(v, nh // nkv, axis=1)
        scores = np.einsum("qhd,khd->hqk", q, k) / math.sqrt(hd)  # scaling = head_dim**-0.5
        masked = kpos > qpos  # causal
        if layer_types[i] == "sliding_attention":
            masked = masked | (qpos - kpos >= window)
        scores = np.where(masked[None], -np.inf, scores)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        attn = np.einsum("hqk,khd->qhd", probs, v).reshape(T, nh * hd)
        x = x + linear(W, p + "self_attn.o_proj", attn, o_bias)

        h = rms_norm(x, W.get(p + "post_attention_layernorm.weight"), eps)
        g = linear(W, p + "mlp.gate_proj", h, mlp_bias)
        u = linear(W, p + "mlp.up_proj", h, mlp_bias)
        x = x + linear(W, p + "mlp.down_proj", g / (1.0 + np.exp(-g)) * u, mlp_bias)  # silu(g) * u

    x = rms_norm(x, W.get("model.norm.weight"), eps)
    # Tied (or lm_head.weight absent) -> lm_head is embed_tokens. All three HF configs default
    # tie_word_embeddings to False when the key is missing.
    tied = bool(cfg.get("tie_word_embeddings", False)) or not W.has("lm_head.weight")
    head = E if tied else W.get("lm_head.weight")
    out = np.empty((T, head.shape[0]), dtype=np.float32)
    for s in range(0, head.shape[0], 16384):  # chunk to bound float64 memory on big vocabs
        out[:, s:s + 16384] = x @ head[s:s + 16384].astype(np.float64).T
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="HF model directory")
    ap.add_argument("--ids", required=True, help="comma-separated token ids")
    ap.add_argument("--out", required=True, help="output .npy file (float32 [len(ids), vocab])")
    ap.add_argument("--no-rope-scaling", action="store_true", help="ignore config rope_scaling")
    a = ap.parse_args()
    try:
        try:
            ids = [int(t) for t in a.ids.split(",") if t.strip() != ""]
        except ValueError:
            raise RefError("--ids must be comma-separated integers, got %r" % a.ids)
        if not ids:
            raise RefError("--ids is empty")
        with open(os.path.join(a.model, "config.json")) as f:
            cfg = json.load(f)
        arch = (cfg.get("architectures") or ["<none>"])[0]
        if arch not in ARCHS:
            raise RefError("unsupported architecture %r (want one of %s)" % (arch, ", ".join(ARCHS)))
        logits = forward(cfg, Weights(a.model), ids, not a.no_rope_scaling)
        if not np.all(np.isfinite(logits)):
            raise RefError("non-finite logits")
        with open(a.out, "wb") as f:  # file handle: np.save must not append ".npy"
            np.save(f, logits)
    except Exception as e:  # any failure: one clear line on stderr, exit status 1
        kind = "" if isinstance(e, RefError) else ("missing config key " if isinstance(e, KeyError) else type(e).__name__ + ": ")
        print("hf_reference: error: %s%s" % (kind, e), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
