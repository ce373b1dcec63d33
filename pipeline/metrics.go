package pipeline

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/computepool/computepool/axl"
)

// Collector exports a stage's and its AXL node's counters to Prometheus
// (`computepool shard --metrics`), read at scrape time.
type Collector struct {
	stage *Stage
	node  *axl.Node
	descs map[string]*prometheus.Desc
}

// NewCollector exports stage and node; labels (e.g. pool, stage) are
// attached to every series.
func NewCollector(stage *Stage, node *axl.Node, labels prometheus.Labels) *Collector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("computepool_"+name, help, nil, labels)
	}
	return &Collector{stage: stage, node: node, descs: map[string]*prometheus.Desc{
		"slots":     d("stage_kv_slots_in_use", "Requests holding a KV slot on this stage."),
		"pending":   d("stage_queue_depth", "Prompts waiting for a KV slot (first stage)."),
		"steps":     d("stage_steps_total", "Batched forward steps run."),
		"batched":   d("stage_sequences_total", "Sequences over all steps (sequences/steps = mean batch)."),
		"tokens":    d("stage_tokens_total", "Tokens sampled (last stage)."),
		"compute":   d("stage_compute_seconds_total", "Time spent in forward steps."),
		"codec":     d("stage_codec_seconds_total", "Time spent encoding and decoding frames."),
		"malformed": d("stage_malformed_frames_total", "Frames dropped as malformed or not for this stage."),
		"stale":     d("stage_stale_frames_total", "Frames for requests the stage no longer holds."),
		"errors":    d("stage_errors_total", "Error frames sent to heads."),
		"vSampled":  d("verify_witnessed_steps_total", "Witness records of sampled steps handed to the reporter (verification of the neighbours)."),
		"vDropped":  d("verify_dropped_steps_total", "Witness records of sampled steps dropped: the reporter's queue was full."),
		"vSkipped":  d("verify_skipped_steps_total", "Sampled requests not recorded: too many held at once, or frames out of order."),
		"in":        d("axl_messages_received_total", "AXL messages delivered to the stage."),
		"out":       d("axl_messages_sent_total", "AXL messages sent."),
		"bytesIn":   d("axl_received_bytes_total", "AXL payload bytes received."),
		"bytesOut":  d("axl_sent_bytes_total", "AXL payload bytes sent."),
		"dropped":   d("axl_dropped_messages_total", "Messages from peers outside the pool, dropped."),
		"oversized": d("axl_oversized_connections_total", "Connections closed for a message over max_message_size."),
	}}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	s, n := c.stage.Stats(), c.node.Stats()
	gauge := func(k string, v float64) { ch <- prometheus.MustNewConstMetric(c.descs[k], prometheus.GaugeValue, v) }
	count := func(k string, v float64) { ch <- prometheus.MustNewConstMetric(c.descs[k], prometheus.CounterValue, v) }
	gauge("slots", float64(s.Active))
	gauge("pending", float64(s.Pending))
	count("steps", float64(s.Steps))
	count("batched", float64(s.Batched))
	count("tokens", float64(s.Tokens))
	count("compute", float64(s.ComputeNanos)/1e9)
	count("codec", float64(s.CodecNanos)/1e9)
	count("malformed", float64(s.Malformed))
	count("stale", float64(s.Stale))
	count("errors", float64(s.Errors))
	count("vSampled", float64(s.Verify.Sampled))
	count("vDropped", float64(s.Verify.Dropped))
	count("vSkipped", float64(s.Verify.Skipped))
	count("in", float64(n.MessagesIn))
	count("out", float64(n.MessagesOut))
	count("bytesIn", float64(n.BytesIn))
	count("bytesOut", float64(n.BytesOut))
	count("dropped", float64(n.Dropped))
	count("oversized", float64(n.Oversized))
}
