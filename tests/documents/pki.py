"""A certificate authority and signers made in the test (cryptography), and signing with pyHanko."""

import datetime
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name, organization="Ban Cơ yếu Chính phủ (thử)"):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


class CA:
    def __init__(self, common_name="CA Thử nghiệm"):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = datetime.datetime.now(datetime.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(_name(common_name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .sign(self.key, hashes.SHA256())
        )

    @property
    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, common_name, organization="Huyện ủy Thử"):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organization))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return Signer(key, cert, self)


class Signer:
    def __init__(self, key, cert, ca):
        self.key, self.cert, self.ca = key, cert, ca

    @property
    def serial_hex(self):
        return format(self.cert.serial_number, "X")

    def pkcs12(self, passphrase=b"mat-khau"):
        return pkcs12.serialize_key_and_certificates(
            b"thu", self.key, self.cert, [self.ca.cert], serialization.BestAvailableEncryption(passphrase)
        )

    def sign(self, pdf, field_name="ChuKy"):
        """pdf signed as the office's token software would: PAdES, an incremental update."""
        from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder_data  # noqa: F401
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key_pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        from asn1crypto import x509 as asn1_x509

        signer = signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER)),
            signing_key=load_private_key_from_pemder_data(key_pem, passphrase=None),
            cert_registry=SimpleCertificateStore.from_certs(
                [asn1_x509.Certificate.load(self.ca.cert.public_bytes(serialization.Encoding.DER))]
            ),
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=fields.SigSeedSubFilter.PADES)
        # Browser tests earlier in the run leave an event loop running in this thread; pyHanko calls asyncio.run().
        from thidua.documents.signatures import outside_event_loop

        return outside_event_loop(lambda: signers.sign_pdf(writer, meta, signer=signer).getvalue())
