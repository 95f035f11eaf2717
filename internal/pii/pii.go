// Package pii seals reporters' personal data at rest (AES-256-GCM) and makes
// keyed hashes so a phone number or e-mail can be found without decrypting.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Keys derives separate keys for sealing and for hashing from one master
// key, so a leak of the index keys reveals nothing about the ciphertexts.
type Keys struct {
	aead  cipher.AEAD
	index []byte
	token []byte
}

// version prefixes every sealed value so the format can change later.
const version = 1

var ErrCorrupt = errors.New("pii: sealed value is corrupt or was sealed with another key")

// New derives the keys from a 32-byte master key.
func New(master []byte) (*Keys, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("pii: master key must be 32 bytes, got %d", len(master))
	}
	derive := func(info string) []byte {
		k, err := hkdf.Key(sha256.New, master, nil, info, 32)
		if err != nil {
			panic(err) // only fails for absurd lengths
		}
		return k
	}
	block, err := aes.NewCipher(derive("qinglang pii seal"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keys{aead: aead, index: derive("qinglang pii index"), token: derive("qinglang tokens")}, nil
}

// Seal encrypts plaintext; an empty string seals to nil, so absent data
// stays absent.
func (k *Keys) Seal(plaintext string) []byte {
	if plaintext == "" {
		return nil
	}
	out := make([]byte, 1+k.aead.NonceSize(), 1+k.aead.NonceSize()+len(plaintext)+k.aead.Overhead())
	out[0] = version
	rand.Read(out[1:])
	return k.aead.Seal(out, out[1:], []byte(plaintext), []byte{version})
}

// Open decrypts what Seal made.
func (k *Keys) Open(sealed []byte) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := k.aead.NonceSize()
	if len(sealed) < 1+n || sealed[0] != version {
		return "", ErrCorrupt
	}
	pt, err := k.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte{version})
	if err != nil {
		return "", ErrCorrupt
	}
	return string(pt), nil
}

// Index returns a keyed hash of a normalized value, for lookups; nil for "".
func (k *Keys) Index(kind, value string) []byte {
	if value == "" {
		return nil
	}
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte(kind + "\x00" + value))
	return m.Sum(nil)
}

// TokenHash hashes a high-entropy secret (tracking secrets, API keys) for
// storage. The secret's own entropy makes a slow hash unnecessary; the key
// makes a stolen table useless without the key file.
func (k *Keys) TokenHash(secret string) []byte {
	m := hmac.New(sha256.New, k.token)
	m.Write([]byte(secret))
	return m.Sum(nil)
}

// LoadMaster returns the master key from configured (hex or base64), or
// from keyFile, creating that file with a fresh key (mode 0600) when it
// does not exist yet.
func LoadMaster(configured, keyFile string) ([]byte, error) {
	if configured != "" {
		return decodeKey(configured)
	}
	b, err := os.ReadFile(keyFile)
	if err == nil {
		return decodeKey(strings.TrimSpace(string(b)))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("pii: read key file: %w", err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	if err := os.MkdirAll(filepath.Dir(keyFile), 0o700); err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	f, err := os.OpenFile(keyFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("pii: create key file: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("pii: write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

func decodeKey(s string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == 32 {
			return b, nil
		}
	}
	return nil, errors.New("pii: the secret key must be 32 bytes written as 64 hex digits or base64")
}
