package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/apitest"
	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/x402"
	pb "github.com/computepool/computepool/proto/computepool/v1"
)

type testServer struct {
	base string // http://host:port
	conn *grpc.ClientConn
	key  string // a registered user's API key
}

func startServer(t *testing.T) *testServer { return startPaidServer(t, nil) }

func startPaidServer(t *testing.T, pay *x402.Middleware) *testServer {
	t.Helper()
	ctx := context.Background()
	// Few PBKDF2 rounds: the production count costs a second per hash under -race.
	store, err := auth.OpenWith(ctx, filepath.Join(t.TempDir(), "auth.db"), auth.Options{PasswordIterations: 1000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv, err := api.New(api.Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0",
		Models: api.NewModels(tinyModel(t)), Auth: store, Log: zaptest.NewLogger(t), Payment: pay})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	ts := &testServer{base: "http://" + srv.HTTPAddr(), conn: conn}
	var k pb.APIKey
	ts.rest(t, "POST", "/api/v1/auth/register", "", `{"email":"ada@example.com","password":"correct horse"}`, 200, &k)
	if !strings.HasPrefix(k.Key, auth.KeyPrefix) {
		t.Fatalf("register returned key %q", k.Key)
	}
	ts.key = k.Key
	return ts
}

// tiny is the model every test serves, loaded once.
var tiny *api.Model

func tinyModel(*testing.T) *api.Model { return tiny }

func TestMain(m *testing.M) {
	os.Exit(func() int {
		model, _, closeModel, err := apitest.TinyModel(context.Background())
		if err != nil {
			fmt.Fprintln(os.Stderr, "generating the test model:", err)
			return 1
		}
		defer closeModel()
		tiny = model
		api.TinyForTest = model
		return m.Run()
	}())
}

func protoEqual(a, b proto.Message) bool { return proto.Equal(a, b) }

// decode reads proto JSON into a proto message, plain JSON otherwise.
func decode(b []byte, out any) error {
	if m, ok := out.(proto.Message); ok {
		return protojson.Unmarshal(b, m)
	}
	return json.Unmarshal(b, out)
}

// rest sends a request and decodes a JSON answer (proto JSON when out is a
// proto message) after checking the status.
func (ts *testServer) rest(t *testing.T, method, path, key, body string, wantStatus int, out any) []byte {
	t.Helper()
	req, err := http.NewRequest(method, ts.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, wantStatus, b)
	}
	if out != nil {
		if err := decode(b, out); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, b, err)
		}
	}
	return b
}

func (ts *testServer) authed(key string) context.Context {
	return metadata.AppendToOutgoingContext(context.Background(), "x-api-key", key)
}

func TestRESTMatchesGRPC(t *testing.T) {
	ts := startServer(t)
	ctx := ts.authed(ts.key)

	// Models.
	var restModels pb.ListModelsResponse
	ts.rest(t, "GET", "/api/v1/models", "", "", 200, &restModels)
	grpcModels, err := pb.NewModelServiceClient(ts.conn).ListModels(ctx, &pb.ListModelsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !protoEqual(&restModels, grpcModels) || len(grpcModels.Models) != 1 || grpcModels.Models[0].Id != apitest.ModelID {
		t.Fatalf("models: REST %v, gRPC %v", &restModels, grpcModels)
	}

	// A greedy generation streamed both ways gives the same tokens and text.
	genReq := &pb.GenerateRequest{Messages: []*pb.ChatMessage{{Role: "user", Content: "Hello there"}}, MaxTokens: 12}
	stream, err := pb.NewInferenceServiceClient(ts.conn).Generate(ctx, genReq)
	if err != nil {
		t.Fatal(err)
	}
	var grpcEvents []*pb.GenerateResponse
	for {
		ev, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		grpcEvents = append(grpcEvents, ev)
	}
	body, _ := protojson.Marshal(genReq)
	raw := ts.rest(t, "POST", "/api/v1/generate", ts.key, string(body), 200, nil)
	var restEvents []*pb.GenerateResponse
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		var line struct {
			Result json.RawMessage `json:"result"`
			Error  json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.Error != nil {
			t.Fatalf("REST stream line %s: %v", sc.Bytes(), err)
		}
		ev := &pb.GenerateResponse{}
		if err := protojson.Unmarshal(line.Result, ev); err != nil {
			t.Fatal(err)
		}
		restEvents = append(restEvents, ev)
	}
	if len(grpcEvents) != 13 || len(restEvents) != len(grpcEvents) {
		t.Fatalf("events: gRPC %d, REST %d, want 12 tokens + finish", len(grpcEvents), len(restEvents))
	}
	for i := range grpcEvents {
		if !protoEqual(grpcEvents[i], restEvents[i]) {
			t.Fatalf("event %d: gRPC %v, REST %v", i, grpcEvents[i], restEvents[i])
		}
	}
	fin := grpcEvents[12].GetFinish()
	if fin.GetFinishReason() != "length" || fin.GetUsage().GetCompletionTokens() != 12 || fin.GetUsage().GetPromptTokens() < 5 {
		t.Fatalf("finish = %v", fin)
	}

	// A pool created over REST is what gRPC reads back.
	var created pb.Pool
	ts.rest(t, "POST", "/api/v1/pools", ts.key, `{"name":"p1","model":"tiny-llama","price":{"perRequest":"1000"}}`, 200, &created)
	got, err := pb.NewPoolServiceClient(ts.conn).GetPool(ctx, &pb.GetPoolRequest{Name: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	if !protoEqual(&created, got) || got.State != pb.PoolState_POOL_STATE_CREATED || got.Price.GetPerRequest() != "1000" {
		t.Fatalf("pool: REST %v, gRPC %v", &created, got)
	}
}

func TestPoolLifecycle(t *testing.T) {
	ts := startServer(t)
	c := pb.NewPoolServiceClient(ts.conn)
	ctx := ts.authed(ts.key)
	if _, err := c.CreatePool(ctx, &pb.CreatePoolRequest{Name: "pool-a", Model: apitest.ModelID}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.InitializePool(ctx, &pb.PoolActionRequest{Name: "pool-a"}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("initialize without nodes = %v, want FAILED_PRECONDITION", err)
	}
	for _, n := range []*pb.AddNodeRequest{{Pool: "pool-a", NodeId: "b", LayerStart: 3, LayerEnd: 6}, {Pool: "pool-a", NodeId: "a", LayerStart: 0, LayerEnd: 3}} {
		if _, err := c.AddNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.AddNode(ctx, &pb.AddNodeRequest{Pool: "pool-a", NodeId: "c", LayerStart: 2, LayerEnd: 4}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("overlapping node = %v, want FAILED_PRECONDITION", err)
	}
	var p *pb.Pool
	var err error
	for _, step := range []func(context.Context, *pb.PoolActionRequest, ...grpc.CallOption) (*pb.Pool, error){c.InitializePool, c.LoadPool} {
		if p, err = step(ctx, &pb.PoolActionRequest{Name: "pool-a"}); err != nil {
			t.Fatal(err)
		}
	}
	if p.State != pb.PoolState_POOL_STATE_READY || p.Nodes[0].NodeId != "a" || !p.Nodes[1].Loaded {
		t.Fatalf("loaded pool = %v", p)
	}
	if _, err := c.DeletePool(ctx, &pb.DeletePoolRequest{Name: "pool-a"}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("deleting a serving pool = %v, want FAILED_PRECONDITION", err)
	}
	var st pb.PoolStatus
	ts.rest(t, "GET", "/api/v1/pools/pool-a/state", ts.key, "", 200, &st)
	if st.State != pb.PoolState_POOL_STATE_READY {
		t.Fatalf("state = %v", &st)
	}
	ts.rest(t, "POST", "/api/v1/pools/pool-a:unload", ts.key, "", 200, nil)
	ts.rest(t, "DELETE", "/api/v1/pools/pool-a", ts.key, "", 200, nil)
	ts.rest(t, "GET", "/api/v1/pools/pool-a", ts.key, "", 404, nil)
}

func TestBadRequests(t *testing.T) {
	ts := startServer(t)
	for _, tc := range []struct{ method, path, body, want string }{
		{"POST", "/api/v1/pools", `{"name": "p1", "model": 3}`, "model"},
		{"POST", "/api/v1/pools", `{"name": "p1",`, "unexpected EOF"},
		{"POST", "/api/v1/pools", `{"name": "Bad Name!", "model": "m"}`, "lowercase"},
		{"POST", "/api/v1/pools", `{"nmae": "p1"}`, "nmae"},
		{"POST", "/api/v1/generate", `{"prompt": "hi", "sampling": {"temperature": -1}}`, "temperature"},
		{"POST", "/api/v1/generate", `{"prompt": "hi", "maxTokens": -3}`, "max_tokens"},
		{"POST", "/api/v1/generate", `{}`, "prompt"},
		{"POST", "/api/v1/generate", `{"model": "gpt-9", "prompt": "hi"}`, "gpt-9"},
	} {
		want := 400
		if strings.Contains(tc.body, "gpt-9") {
			want = 404
		}
		b := ts.rest(t, tc.method, tc.path, ts.key, tc.body, want, nil)
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("%s %s: body %s does not mention %q", tc.path, tc.body, b, tc.want)
		}
	}
	// gRPC says INVALID_ARGUMENT for the same mistakes.
	ctx := ts.authed(ts.key)
	_, err := pb.NewPoolServiceClient(ts.conn).CreatePool(ctx, &pb.CreatePoolRequest{Name: "Bad Name!", Model: "m"})
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("CreatePool(bad name) = %v, want INVALID_ARGUMENT", err)
	}
	stream, err := pb.NewInferenceServiceClient(ts.conn).Generate(ctx, &pb.GenerateRequest{Prompt: "hi", Sampling: &pb.SamplingParams{TopP: 2}})
	if err == nil {
		_, err = stream.Recv()
	}
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "top_p") {
		t.Errorf("Generate(top_p 2) = %v, want INVALID_ARGUMENT naming top_p", err)
	}
}

func TestAPIKeys(t *testing.T) {
	ts := startServer(t)
	// No key, a wrong key, a revoked key: 401 / UNAUTHENTICATED.
	ts.rest(t, "GET", "/api/v1/pools", "", "", 401, nil)
	ts.rest(t, "GET", "/api/v1/pools", "cp_wrong", "", 401, nil)
	ts.rest(t, "GET", "/api/v1/models", "cp_wrong", "", 401, nil) // public, but a wrong key is still wrong
	_, err := pb.NewPoolServiceClient(ts.conn).ListPools(ts.authed("cp_wrong"), &pb.ListPoolsRequest{})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("gRPC with a wrong key = %v", err)
	}
	var k2 pb.APIKey
	ts.rest(t, "POST", "/api/v1/auth/keys", ts.key, `{"name":"ci"}`, 200, &k2)
	ts.rest(t, "GET", "/api/v1/pools", k2.Key, "", 200, nil)
	// X-API-Key works as well as Authorization: Bearer.
	req, _ := http.NewRequest("GET", ts.base+"/api/v1/pools", nil)
	req.Header.Set("X-API-Key", k2.Key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("X-API-Key: status %d", resp.StatusCode)
	}
	ts.rest(t, "DELETE", "/api/v1/auth/keys/"+k2.Id, ts.key, "", 200, nil)
	ts.rest(t, "GET", "/api/v1/pools", k2.Key, "", 401, nil)
	var k3 pb.APIKey
	ts.rest(t, "POST", "/api/v1/auth/login", "", `{"email":"ada@example.com","password":"correct horse"}`, 200, &k3)
	ts.rest(t, "GET", "/api/v1/pools", k3.Key, "", 200, nil)
	ts.rest(t, "POST", "/api/v1/auth/login", "", `{"email":"ada@example.com","password":"wrong horse"}`, 401, nil)
}

func TestNodeRegistrationNeedsTheKey(t *testing.T) {
	ts := startServer(t)
	c := pb.NewNodeServiceClient(ts.conn)
	ctx := context.Background()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	ch, err := c.CreateChallenge(ctx, &pb.CreateChallengeRequest{PublicKey: hex.EncodeToString(pub)})
	if err != nil {
		t.Fatal(err)
	}
	nonce, _ := hex.DecodeString(ch.Nonce)
	req := &pb.RegisterNodeRequest{PublicKey: hex.EncodeToString(pub), Nonce: ch.Nonce, Address: "tls://127.0.0.1:7000",
		Signature: hex.EncodeToString(ed25519.Sign(other, nonce))}
	if _, err := c.RegisterNode(ctx, req); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("register signed by another key = %v, want PERMISSION_DENIED", err)
	}
	req.Signature = hex.EncodeToString(ed25519.Sign(priv, nonce))
	n, err := c.RegisterNode(ctx, req)
	if err != nil || n.Id != hex.EncodeToString(pub) {
		t.Fatalf("register = %v, %v", n, err)
	}
	if _, err := c.RegisterNode(ctx, req); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("replayed challenge = %v, want FAILED_PRECONDITION", err)
	}
}

func TestHealthAndSpec(t *testing.T) {
	ts := startServer(t)
	ts.rest(t, "GET", "/healthz", "", "", 200, nil)
	ts.rest(t, "GET", "/readyz", "", "", 200, nil)
	var spec struct {
		Swagger string                     `json:"swagger"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	ts.rest(t, "GET", "/openapi.json", "", "", 200, &spec)
	if spec.Swagger != "2.0" || spec.Paths["/api/v1/generate"] == nil || spec.Paths["/api/v1/pools/{name}"] == nil {
		t.Fatalf("spec: swagger %q, %d paths", spec.Swagger, len(spec.Paths))
	}
}

// rawCodec sends bytes as they are: a client that speaks broken protobuf.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) ([]byte, error) {
	if b, ok := v.([]byte); ok {
		return b, nil
	}
	return proto.Marshal(v.(proto.Message))
}
func (rawCodec) Unmarshal(b []byte, v any) error { return proto.Unmarshal(b, v.(proto.Message)) }

// TestBadProto: undecodable protobuf is INVALID_ARGUMENT (grpc-go alone says
// INTERNAL), for unary and streaming calls.
func TestBadProto(t *testing.T) {
	ts := startServer(t)
	ctx := ts.authed(ts.key)
	garbage := []byte{0x0a, 0xff, 0xff, 0xff} // field 1, length far past the end
	var pool pb.Pool
	err := ts.conn.Invoke(ctx, "/computepool.v1.PoolService/GetPool", garbage, &pool, grpc.ForceCodec(rawCodec{}))
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "GetPoolRequest") {
		t.Fatalf("unary with bad proto = %v, want INVALID_ARGUMENT naming the message", err)
	}
	desc := &grpc.StreamDesc{ServerStreams: true}
	st, err := ts.conn.NewStream(ctx, desc, "/computepool.v1.InferenceService/Generate", grpc.ForceCodec(rawCodec{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SendMsg(garbage); err != nil {
		t.Fatal(err)
	}
	st.CloseSend()
	var ev pb.GenerateResponse
	if err := st.RecvMsg(&ev); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("stream with bad proto = %v, want INVALID_ARGUMENT", err)
	}
	// Well-formed requests still decode (the codec is the server's only one).
	if _, err := pb.NewPoolServiceClient(ts.conn).ListPools(ctx, &pb.ListPoolsRequest{}); err != nil {
		t.Fatal(err)
	}
}

func TestRegisterValidation(t *testing.T) {
	ts := startServer(t)
	b := ts.rest(t, "POST", "/api/v1/auth/register", "", `{"email":"nobody","password":"long enough"}`, 400, nil)
	if !strings.Contains(string(b), "email") {
		t.Fatalf("body %s", b)
	}
	ts.rest(t, "POST", "/api/v1/auth/register", "", `{"email":"ada@example.com","password":"long enough"}`, 409, nil)
}

func TestGRPCHealth(t *testing.T) {
	ts := startServer(t)
	res, err := healthpb.NewHealthClient(ts.conn).Check(context.Background(), &healthpb.HealthCheckRequest{})
	if err != nil || res.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("health = %v, %v", res, err)
	}
}

func TestHugeBodyRefused(t *testing.T) {
	ts := startServer(t)
	// Valid and small once parsed: only the size is wrong.
	big := `{"prompt":"hi","maxTokens":1` + strings.Repeat(" ", api.MaxRequestBytes) + `}`
	req, _ := http.NewRequest("POST", ts.base+"/api/v1/generate", strings.NewReader(big))
	req.Header.Set("X-API-Key", ts.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 && resp.StatusCode != 413 {
		t.Fatalf("a %d-byte body: status %d", len(big), resp.StatusCode)
	}
}

func TestMetrics(t *testing.T) {
	ts := startServer(t)
	ts.rest(t, "POST", "/api/v1/generate", ts.key, `{"prompt":"hello","maxTokens":3}`, 200, nil)
	ts.rest(t, "GET", "/api/v1/pools", "cp_wrong", "", 401, nil)
	b := string(ts.rest(t, "GET", "/metrics", "", "", 200, nil))
	for _, want := range []string{
		`computepool_generated_tokens_total{model="tiny-llama"} 3`,
		`computepool_time_to_first_token_seconds_count{model="tiny-llama"} 1`,
		`computepool_api_requests_total{code="Unauthenticated",surface="grpc"} 1`,
		`computepool_api_requests_total{code="401",surface="http"} 1`,
		`computepool_api_requests_total{code="200",surface="http"}`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
