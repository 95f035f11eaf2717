package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse 电池")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not an argon2id PHC string", h)
	}
	if ok, err := CheckPassword(h, "correct horse 电池"); !ok || err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if ok, _ := CheckPassword(h, "correct horse 电"); ok {
		t.Fatal("wrong password accepted")
	}
	if h2, _ := HashPassword("correct horse 电池"); h2 == h {
		t.Fatal("salt is not random")
	}
	if _, err := HashPassword("short"); err != ErrWeakPassword {
		t.Fatalf("short password: %v", err)
	}
	if _, err := CheckPassword("$bcrypt$x", "x"); err == nil {
		t.Fatal("foreign hash format accepted")
	}
}
