package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

// Metrics are the API's Prometheus metrics, in their own registry (served
// at /metrics; nothing is registered globally).
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	tokens   *prometheus.CounterVec
	ttft     *prometheus.HistogramVec
}

// NewMetrics creates the metrics.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "computepool_api_requests_total",
			Help: "Requests answered, by surface (http, grpc) and status (HTTP status or gRPC code).",
		}, []string{"surface", "code"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "computepool_generated_tokens_total",
			Help: "Tokens generated, by model.",
		}, []string{"model"}),
		ttft: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "computepool_time_to_first_token_seconds",
			Help:    "From accepting a generation to its first token, by model.",
			Buckets: prometheus.ExponentialBuckets(0.002, 2, 14), // 2 ms … 16 s
		}, []string{"model"}),
	}
	m.reg.MustRegister(m.requests, m.tokens, m.ttft, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

// observeGeneration records one generation's first-token latency and tokens.
func (m *Metrics) observeGeneration(model string, ttft time.Duration, tokens int) {
	if m == nil {
		return
	}
	if tokens > 0 {
		m.ttft.WithLabelValues(model).Observe(ttft.Seconds())
	}
	m.tokens.WithLabelValues(model).Add(float64(tokens))
}

// tokensByModel reads the generated-tokens counter of every model.
func (m *Metrics) tokensByModel() map[string]float64 {
	out := map[string]float64{}
	ch := make(chan prometheus.Metric, 16)
	go func() { m.tokens.Collect(ch); close(ch) }()
	for metric := range ch {
		var d dto.Metric
		if metric.Write(&d) != nil || d.Counter == nil {
			continue
		}
		for _, l := range d.Label {
			if l.GetName() == "model" {
				out[l.GetValue()] = d.Counter.GetValue()
			}
		}
	}
	return out
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// countHTTP counts one answered HTTP request by status.
func (m *Metrics) countHTTP(code int) {
	if m != nil {
		m.requests.WithLabelValues("http", strconv.Itoa(code)).Inc()
	}
}

func (m *Metrics) unary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	resp, err := h(ctx, req)
	m.requests.WithLabelValues("grpc", status.Code(err).String()).Inc()
	return resp, err
}

func (m *Metrics) stream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	err := h(srv, ss)
	m.requests.WithLabelValues("grpc", status.Code(err).String()).Inc()
	return err
}
