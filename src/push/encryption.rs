//! RFC 8291 message encryption for Web Push (`aes128gcm`, RFC 8188), with ring — the
//! crypto library rustls and sqlx already build here. It replaced `ece` (through
//! web-push), whose OpenSSL key generation and ECDH cost several times as much per
//! push; `village-bench push` prints both side by side, and the tests' push service
//! decrypts every push with an independent implementation (RustCrypto).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{AES_128_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{ECDH_P256, EphemeralPrivateKey, UnparsedPublicKey, agree_ephemeral};
use ring::hkdf::{HKDF_SHA256, KeyType, Salt};
use ring::rand::{SecureRandom, SystemRandom};

/// The largest payload encrypted: what the big push services accept.
pub const MAX_PAYLOAD: usize = 3052;
/// The record size announced: one record holds any payload up to [`MAX_PAYLOAD`].
const RECORD_SIZE: u32 = 4096;
/// An uncompressed P-256 public key.
const PUBLIC_KEY_LEN: usize = 65;
/// The delimiter after the last (and only) record's plaintext.
const LAST_RECORD: u8 = 2;

/// Why a payload could not be encrypted for a device.
#[derive(Debug, thiserror::Error)]
pub enum EncryptionError {
    #[error("the payload is over {MAX_PAYLOAD} bytes")]
    TooLarge,
    #[error("the device's keys are not valid (p256dh: a P-256 point, auth: 16 bytes, base64url)")]
    BadKeys,
    #[error("the encryption failed")]
    Failed,
}

impl From<ring::error::Unspecified> for EncryptionError {
    fn from(_: ring::error::Unspecified) -> Self {
        Self::Failed
    }
}

/// An HKDF output length for ring.
struct Len(usize);

impl KeyType for Len {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-SHA-256 of `ikm` with `salt`, expanded with `info` to `N` bytes.
fn hkdf<const N: usize>(salt: &[u8], ikm: &[u8], info: &[&[u8]]) -> Result<[u8; N], EncryptionError> {
    let mut out = [0u8; N];
    Salt::new(HKDF_SHA256, salt).extract(ikm).expand(info, Len(N))?.fill(&mut out)?;
    Ok(out)
}

/// `payload` encrypted for the device whose subscription keys are `p256dh` and `auth`
/// (base64url, as browsers give them): the `aes128gcm` body of a push request.
pub fn encrypt(p256dh: &str, auth: &str, payload: &[u8]) -> Result<Vec<u8>, EncryptionError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(EncryptionError::TooLarge);
    }
    let decode = |text: &str| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).map_err(|_| EncryptionError::BadKeys);
    let (device_public, auth_secret) = (decode(p256dh)?, decode(auth)?);
    if device_public.len() != PUBLIC_KEY_LEN || auth_secret.len() != 16 {
        return Err(EncryptionError::BadKeys);
    }
    let random = SystemRandom::new();
    let ours = EphemeralPrivateKey::generate(&ECDH_P256, &random)?;
    let our_public = ours.compute_public_key()?;
    let device_key = UnparsedPublicKey::new(&ECDH_P256, &device_public);
    let shared = agree_ephemeral(ours, &device_key, |shared| shared.to_vec()).map_err(|_| EncryptionError::BadKeys)?;
    // RFC 8291 §3.4: the input keying material binds both public keys and her secret.
    let key_info: [&[u8]; 3] = [b"WebPush: info\0", &device_public, our_public.as_ref()];
    let ikm: [u8; 32] = hkdf(&auth_secret, &shared, &key_info)?;
    let mut salt = [0u8; 16];
    random.fill(&mut salt)?;
    let content_key: [u8; 16] = hkdf(&salt, &ikm, &[b"Content-Encoding: aes128gcm\0"])?;
    let nonce: [u8; 12] = hkdf(&salt, &ikm, &[b"Content-Encoding: nonce\0"])?;

    let mut body = Vec::with_capacity(21 + PUBLIC_KEY_LEN + payload.len() + 1 + AES_128_GCM.tag_len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(PUBLIC_KEY_LEN as u8);
    body.extend_from_slice(our_public.as_ref());
    let mut record = Vec::with_capacity(payload.len() + 1 + AES_128_GCM.tag_len());
    record.extend_from_slice(payload);
    record.push(LAST_RECORD);
    let key = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &content_key)?);
    key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut record)?;
    body.extend_from_slice(&record);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A device's keys, as a browser makes them.
    fn device() -> (String, String) {
        let random = SystemRandom::new();
        let private = EphemeralPrivateKey::generate(&ECDH_P256, &random).unwrap();
        let public = private.compute_public_key().unwrap();
        let mut auth = [0u8; 16];
        random.fill(&mut auth).unwrap();
        (URL_SAFE_NO_PAD.encode(public.as_ref()), URL_SAFE_NO_PAD.encode(auth))
    }

    #[test]
    fn the_header_carries_salt_record_size_and_our_public_key() {
        let (p256dh, auth) = device();
        let body = encrypt(&p256dh, &auth, b"hello").unwrap();
        assert_eq!(&body[16..20], &4096u32.to_be_bytes());
        assert_eq!(body[20], 65);
        assert_eq!(body[21], 4, "an uncompressed point");
        assert_eq!(body.len(), 21 + 65 + 5 + 1 + 16);
    }

    #[test]
    fn bad_keys_and_oversized_payloads_are_refused() {
        let (p256dh, auth) = device();
        assert!(matches!(encrypt("not-a-key", &auth, b"x"), Err(EncryptionError::BadKeys)));
        assert!(matches!(encrypt(&p256dh, "c2hvcnQ", b"x"), Err(EncryptionError::BadKeys)));
        assert!(matches!(encrypt(&p256dh, &auth, &[0; MAX_PAYLOAD + 1]), Err(EncryptionError::TooLarge)));
    }
}
