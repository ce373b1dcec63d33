package pipeline

import (
	"encoding/json"
	"fmt"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/sample"
)

// Spec is what every stage needs to know of a request, carried as JSON in
// the meta of its prompt frame and of its first hidden frame at each hop.
type Spec struct {
	// Head receives the tokens and errors.
	Head axl.PeerID `json:"head"`
	// Prompt is the prompt's ids; the last stage needs them for the
	// repetition penalty (the prompt frame carries them as its tensor).
	Prompt    []int32       `json:"prompt,omitempty"`
	MaxTokens int           `json:"max_tokens"`
	Sampling  sample.Params `json:"sampling"`
	StopIDs   []int         `json:"stop_ids,omitempty"`
}

func (s *Spec) validate() error {
	if _, err := axl.ParsePeerID(string(s.Head)); err != nil {
		return fmt.Errorf("head: %w", err)
	}
	if s.MaxTokens <= 0 {
		return fmt.Errorf("max_tokens must be positive, got %d", s.MaxTokens)
	}
	return s.Sampling.Validate()
}

func parseSpec(meta []byte) (*Spec, error) {
	var s Spec
	if err := json.Unmarshal(meta, &s); err != nil {
		return nil, fmt.Errorf("request spec: %w", err)
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("request spec: %w", err)
	}
	return &s, nil
}

// Error codes a stage reports to the head.
const (
	CodeBusy        = "busy"        // no free KV slot at this stage
	CodeBadRequest  = "bad_request" // the request cannot run (too long, bad ids…)
	CodeStepFailed  = "step_failed" // the model step failed
	CodeUnreachable = "unreachable" // the next stage could not be reached
	CodeStageDown   = "stage_down"  // (head) a stage stopped answering pings
)

// ErrorInfo is an error frame's meta, and the error a generation ends with.
type ErrorInfo struct {
	Code    string     `json:"code"`
	Message string     `json:"message"`
	Stage   int        `json:"stage"`
	Peer    axl.PeerID `json:"peer"`
}

func (e *ErrorInfo) Error() string {
	return fmt.Sprintf("stage %d (peer %s): %s: %s", e.Stage, e.Peer.Short(), e.Code, e.Message)
}
