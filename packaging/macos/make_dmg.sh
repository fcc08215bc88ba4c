#!/usr/bin/env bash
# Sign (inside-out, never --deep), build the DMG, notarise with an App Store Connect API key.
# Unsigned when QFOPGUI_SIGN_IDENTITY is unset. Not verified on this Linux machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP=dist/qfopgui.app
DMG=dist/qfopgui.dmg
if [ -n "${QFOPGUI_SIGN_IDENTITY:-}" ]; then
  # Every Mach-O (including imageio-ffmpeg's ffmpeg, which PyInstaller stores as data).
  find "$APP" -type f -print0 | while IFS= read -r -d '' f; do
    if file "$f" | grep -q Mach-O; then
      codesign --force --timestamp --options runtime \
        --entitlements packaging/macos/entitlements.plist -s "$QFOPGUI_SIGN_IDENTITY" "$f"
    fi
  done
  codesign --force --timestamp --options runtime \
    --entitlements packaging/macos/entitlements.plist -s "$QFOPGUI_SIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi
for i in 1 2 3; do hdiutil create -volname qfopgui -srcfolder "$APP" -ov -format UDZO "$DMG" && break; sleep 5; done
if [ -n "${QFOPGUI_SIGN_IDENTITY:-}" ] && [ -n "${APPLE_API_KEY_PATH:-}" ]; then
  codesign --timestamp -s "$QFOPGUI_SIGN_IDENTITY" "$DMG"
  xcrun notarytool submit "$DMG" --key "$APPLE_API_KEY_PATH" --key-id "$APPLE_API_KEY_ID" \
    --issuer "$APPLE_API_ISSUER" --wait
  xcrun stapler staple "$DMG"
fi
