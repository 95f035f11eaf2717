package pii

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func testKeys(t *testing.T) *Keys {
	k, err := New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := testKeys(t)
	for _, s := range []string{"张三", "13812345678", "a@b.cn", "𠀀 emoji 🙂"} {
		a, b := k.Seal(s), k.Seal(s)
		if bytes.Equal(a, b) {
			t.Fatalf("two seals of %q are equal: nonces repeat", s)
		}
		if bytes.Contains(a, []byte(s)) {
			t.Fatalf("sealed %q contains the plaintext", s)
		}
		got, err := k.Open(a)
		if err != nil || got != s {
			t.Fatalf("Open = %q, %v; want %q", got, err, s)
		}
	}
	if k.Seal("") != nil {
		t.Fatal("empty string should seal to nil")
	}
	sealed := k.Seal("13812345678")
	sealed[len(sealed)-1] ^= 1
	if _, err := k.Open(sealed); err != ErrCorrupt {
		t.Fatalf("tampered value opened: %v", err)
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open(k.Seal("x")); err != ErrCorrupt {
		t.Fatalf("other key opened the value: %v", err)
	}
}

func TestIndexIsKeyedAndStable(t *testing.T) {
	k := testKeys(t)
	if !bytes.Equal(k.Index("phone", "13812345678"), k.Index("phone", "13812345678")) {
		t.Fatal("index not stable")
	}
	if bytes.Equal(k.Index("phone", "1"), k.Index("email", "1")) {
		t.Fatal("kinds share index values")
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if bytes.Equal(k.Index("phone", "1"), other.Index("phone", "1")) {
		t.Fatal("index does not depend on the key")
	}
}

func TestLoadMasterCreatesPrivateKeyFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "d", "secret.key")
	k1, err := LoadMaster("", f)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(f)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	k2, err := LoadMaster("", f)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatal("second load returned another key")
	}
	if _, err := LoadMaster("too-short", f); err == nil {
		t.Fatal("bad configured key accepted")
	}
	hexKey := "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	if k, err := LoadMaster(hexKey, f); err != nil || k[31] != 0x1f {
		t.Fatalf("hex key: %v", err)
	}
}

func TestMask(t *testing.T) {
	cases := map[string]string{
		MaskPhone("13812345678"):  "138****5678",
		MaskEmail("zhang@qq.com"): "z***@qq.com",
		MaskName("张三丰"):           "张**",
		MaskName("李"):             "李*",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("mask = %q, want %q", got, want)
		}
	}
}
