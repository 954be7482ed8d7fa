/// The release this source tree is (`newsdesk --version`, `make dist`'s tarball name).
public enum NewsdeskVersion {
    public static let current = "0.15.0"
}
