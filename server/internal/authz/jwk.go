package authz

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
)

// publicKey is one usable key from a JWKS.
type publicKey struct {
	kty string // RSA or EC
	crv string // for EC: P-256, P-384
	alg string // the JWK's alg, if it names one
	key crypto.PublicKey
}

type keyMap map[string][]publicKey

// jwk is the subset of RFC 7517 fields read here.
type jwk struct {
	Kty    string   `json:"kty"`
	Kid    string   `json:"kid"`
	Use    string   `json:"use"`
	Alg    string   `json:"alg"`
	KeyOps []string `json:"key_ops"`
	N      string   `json:"n"`
	E      string   `json:"e"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
}

// parseJWKS keeps the signature keys with a kid that an accepted algorithm
// can use (RSA of rules.MinRSABits or more, EC on the curves of the
// accepted ES algorithms); other keys are skipped. The document must be an
// object with a "keys" list (RFC 7517 5, as the CLI requires): null, {} or
// "keys": null are errors, not an empty set.
func parseJWKS(data []byte) (keyMap, error) {
	var set map[string]json.RawMessage
	if err := json.Unmarshal(data, &set); err != nil || set == nil {
		return nil, errors.New("not a JWKS: not a JSON object")
	}
	var keys []json.RawMessage
	if err := json.Unmarshal(set["keys"], &keys); err != nil || keys == nil {
		return nil, errors.New(`not a JWKS: no "keys" list`)
	}
	m := keyMap{}
	for _, raw := range keys {
		var j jwk
		if json.Unmarshal(raw, &j) != nil || j.Kid == "" {
			continue
		}
		if j.Use != "" && j.Use != "sig" {
			continue
		}
		if j.KeyOps != nil && !contains(j.KeyOps, "verify") {
			continue
		}
		pk, err := j.publicKey()
		if err != nil {
			continue
		}
		m[j.Kid] = append(m[j.Kid], pk)
	}
	return m, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func b64(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

func (j jwk) publicKey() (publicKey, error) {
	switch j.Kty {
	case "RSA":
		n, err := b64(j.N)
		if err != nil {
			return publicKey{}, err
		}
		e, err := b64(j.E)
		if err != nil || len(e) == 0 || len(e) > 4 {
			return publicKey{}, errors.New("bad RSA exponent")
		}
		exp := int(new(big.Int).SetBytes(e).Int64())
		mod := new(big.Int).SetBytes(n)
		if mod.BitLen() < rules.MinRSABits || exp < rules.MinRSAExponent {
			return publicKey{}, errors.New("RSA key too small")
		}
		// Built once, when the JWKS is parsed, and kept in the key set. Go's
		// crypto/rsa still rebuilds its Montgomery modulus from N on every
		// VerifyPKCS1v15/VerifyPSS (go1.26 src/crypto/rsa/rsa.go:665-670,
		// fipsPublicKey; only private keys have Precompute), some 30% of an
		// RSA-2048 verification: no public API keeps it, so the token cache
		// (token_cache.go), which skips the verification of a token seen
		// before, is what saves it.
		return publicKey{kty: "RSA", alg: j.Alg, key: &rsa.PublicKey{N: mod, E: exp}}, nil
	case "EC":
		// Only the curves of the accepted ES algorithms.
		curve, ok := rules.curves[j.Crv]
		if !ok {
			return publicKey{}, errors.New("unsupported curve")
		}
		size := (curve.Params().BitSize + 7) / 8 // RFC 7518 6.2.1.2: x and y are this long
		x, err1 := b64(j.X)
		y, err2 := b64(j.Y)
		if err1 != nil || err2 != nil || len(x) != size || len(y) != size {
			return publicKey{}, errors.New("bad EC point")
		}
		point := append(append([]byte{4}, x...), y...)
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, point)
		if err != nil {
			return publicKey{}, err
		}
		return publicKey{kty: "EC", crv: j.Crv, alg: j.Alg, key: pub}, nil
	}
	return publicKey{}, errors.New("unsupported key type")
}

// fits reports whether the key may verify a token signed with alg.
func (p publicKey) fits(alg string) bool {
	if p.alg != "" && p.alg != alg {
		return false
	}
	// RSA keys have no crv; an EC key's must be the algorithm's curve.
	want, ok := rules.keyFor[alg]
	return ok && p.kty == want.kty && p.crv == want.crv
}
