<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminPanelScreen</name>
    <message>
        <source>Kiosk administration</source>
        <translation>Kiosk administration</translation>
    </message>
    <message>
        <source>Kiosk name</source>
        <translation>Kiosk name</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Last problem</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s)</source>
        <translation>
            <numerusform>%n check-in</numerusform>
            <numerusform>%n check-ins</numerusform>
        </translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Picture: %1</source>
        <translation>Picture: %1</translation>
    </message>
    <message>
        <source>Picture: waiting for the camera</source>
        <translation>Picture: waiting for the camera</translation>
    </message>
    <message>
        <source>Not installed on this kiosk: %1</source>
        <translation>Not installed on this kiosk: %1</translation>
    </message>
    <message>
        <source>The choice applies now but could not be saved for the next start.</source>
        <translation>The choice applies now but could not be saved for the next start.</translation>
    </message>
    <message>
        <source>Test picture (no camera)</source>
        <translation>Test picture (no camera)</translation>
    </message>
    <message>
        <source>Camera %1</source>
        <translation>Camera %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts: passes used twice while offline (%n)</source>
        <translation>
            <numerusform>Conflicts: passes used twice while offline (%n)</numerusform>
            <numerusform>Conflicts: passes used twice while offline (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>QR decoder</source>
        <translation>QR decoder</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Press again to unpair</source>
        <translation>Press again to unpair</translation>
    </message>
    <message>
        <source>Unpair this kiosk</source>
        <translation>Unpair this kiosk</translation>
    </message>
    <message>
        <source>Exit the app</source>
        <translation>Exit the app</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message>
        <source>Visit %1: scanned here at %2, first used at %3 by %4</source>
        <translation>Visit %1: scanned here at %2, first used at %3 by %4</translation>
    </message>
</context>
<context>
    <name>AdminPinScreen</name>
    <message>
        <source>Staff only</source>
        <translation>Staff only</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>Checking the PIN…</translation>
    </message>
    <message>
        <source>Enter the admin PIN.</source>
        <translation>Enter the admin PIN.</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n try/tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many wrong tries. Locked until %1.</source>
        <translation>Too many wrong tries. Locked until %1.</translation>
    </message>
    <message>
        <source>No admin PIN is set on this kiosk. Pair it again to choose one.</source>
        <translation>No admin PIN is set on this kiosk. Pair it again to choose one.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Welcome to %1</source>
        <translation>Welcome to %1</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Visiting us? Show your QR code to the camera to check in.</source>
        <translation>Visiting us? Show your QR code to the camera to check in.</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>Touch the screen to start</translation>
    </message>
</context>
<context>
    <name>CameraTroubleScreen</name>
    <message>
        <source>The camera is not working</source>
        <translation>The camera is not working</translation>
    </message>
    <message>
        <source>Please see reception. The kiosk keeps trying and will be back by itself.</source>
        <translation>Please see reception. The kiosk keeps trying and will be back by itself.</translation>
    </message>
    <message>
        <source>For staff: check that the camera is plugged in and not used by another program. Trying again every few seconds…</source>
        <translation>For staff: check that the camera is plugged in and not used by another program. Trying again every few seconds…</translation>
    </message>
</context>
<context>
    <name>CheckoutListScreen</name>
    <message>
        <source>Check out without a code</source>
        <translation>Check out without a code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Tap your name. Only visitors without a code are listed.</source>
        <translation>Tap your name. Only visitors without a code are listed.</translation>
    </message>
    <message>
        <source>No visitors without a code are checked in here today. Please see reception.</source>
        <translation>No visitors without a code are checked in here today. Please see reception.</translation>
    </message>
</context>
<context>
    <name>DocumentPage</name>
    <message>
        <source>Swipe up to read on. Then tap Continue to sign.</source>
        <translation>Swipe up to read on. Then tap Continue to sign.</translation>
    </message>
    <message>
        <source>Read it through, then tap Continue to sign.</source>
        <translation>Read it through, then tap Continue to sign.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Continue to sign</source>
        <translation>Continue to sign</translation>
    </message>
</context>
<context>
    <name>HostPickerScreen</name>
    <message>
        <source>Who are you visiting?</source>
        <translation>Who are you visiting?</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Type your host&apos;s name</source>
        <translation>Type your host&apos;s name</translation>
    </message>
    <message>
        <source>Nobody here is called “%1”. Check the spelling, or see reception.</source>
        <translation>Nobody here is called “%1”. Check the spelling, or see reception.</translation>
    </message>
    <message>
        <source>No hosts are listed for this site. Please see reception.</source>
        <translation>No hosts are listed for this site. Please see reception.</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>space</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Capital letter</source>
        <translation>Capital letter</translation>
    </message>
</context>
<context>
    <name>Pairing</name>
    <message>
        <source>This code is wrong or has expired. Ask for a new code and enter it again.</source>
        <translation>This code is wrong or has expired. Ask for a new code and enter it again.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait %n seconds and try again.</source>
        <translation>Too many attempts. Please wait %n seconds and try again.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and the network connection.</source>
        <translation>The server cannot be reached. Check the address and the network connection.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted. Check the address, or give the kiosk the server&apos;s CA certificate (ca_cert in kiosk.toml, or --ca-cert when pairing from the command line).</source>
        <translation>The server&apos;s certificate is not trusted. Check the address, or give the kiosk the server&apos;s CA certificate (ca_cert in kiosk.toml, or --ca-cert when pairing from the command line).</translation>
    </message>
    <message>
        <source>The server reported a problem. Please try again shortly.</source>
        <translation>The server reported a problem. Please try again shortly.</translation>
    </message>
    <message>
        <source>This kiosk is already paired. Unpair it first.</source>
        <translation>This kiosk is already paired. Unpair it first.</translation>
    </message>
    <message>
        <source>Enter the server address, starting with https://</source>
        <translation>Enter the server address, starting with https://</translation>
    </message>
    <message>
        <source>The pairing code has 6 digits.</source>
        <translation>The pairing code has 6 digits.</translation>
    </message>
    <message>
        <source>The admin PIN needs 4 to 8 digits.</source>
        <translation>The admin PIN needs 4 to 8 digits.</translation>
    </message>
    <message>
        <source>Press OK again to keep this PIN.</source>
        <translation>Press OK again to keep this PIN.</translation>
    </message>
    <message>
        <source>The two PINs were different. Please choose the PIN again.</source>
        <translation>The two PINs were different. Please choose the PIN again.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a second and try again.</source>
        <translation>Too many attempts. Please wait a second and try again.</translation>
    </message>
    <message>
        <source>A %1-digit PIN can be found in about %n minutes from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</source>
        <translation>A %1-digit PIN can be found in about %n minutes from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</translation>
    </message>
    <message>
        <source>A %1-digit PIN can be found in about %n hours from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</source>
        <translation>A %1-digit PIN can be found in about %n hours from a stolen copy of this kiosk&apos;s data. 6 to 8 digits are recommended.</translation>
    </message>
</context>
<context>
    <name>PairingScreen</name>
    <message>
        <source>Set up this kiosk</source>
        <translation>Set up this kiosk</translation>
    </message>
    <message>
        <source>Enter the 6-digit pairing code from the Atrium server, then choose an admin PIN for staff.</source>
        <translation>Enter the 6-digit pairing code from the Atrium server, then choose an admin PIN for staff.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>Choose an admin PIN (6 to 8 digits)</source>
        <translation>Choose an admin PIN (6 to 8 digits)</translation>
    </message>
    <message>
        <source>Enter the admin PIN again</source>
        <translation>Enter the admin PIN again</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>I have no code</source>
        <translation>I have no code</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Check-out</translation>
    </message>
    <message>
        <source>Hold the code you checked in with up to the camera</source>
        <translation>Hold the code you checked in with up to the camera</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message>
        <source>Visitor check-in</source>
        <translation>Visitor check-in</translation>
    </message>
    <message>
        <source>Hold your QR code up to the camera</source>
        <translation>Hold your QR code up to the camera</translation>
    </message>
    <message>
        <source>Leaving? Check out</source>
        <translation>Leaving? Check out</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <source>Please sign here</source>
        <translation>Please sign here</translation>
    </message>
    <message>
        <source>By signing you accept: %1</source>
        <translation>By signing you accept: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Sign and continue</source>
        <translation>Sign and continue</translation>
    </message>
</context>
<context>
    <name>Signing</name>
    <message>
        <source>Document %1 of %2</source>
        <translation>Document %1 of %2</translation>
    </message>
</context>
<context>
    <name>SigningScreen</name>
    <message>
        <source>Still there? Touch the screen within %1 s to carry on.</source>
        <translation>Still there? Touch the screen within %1 s to carry on.</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) waiting to be sent</source>
        <translation>
            <numerusform>%n check-in waiting to be sent</numerusform>
            <numerusform>%n check-ins waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>All check-ins sent</source>
        <translation>All check-ins sent</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Trust data out of date</source>
        <translation>Trust data out of date</translation>
    </message>
    <message>
        <source>Clock differs from the server</source>
        <translation>Clock differs from the server</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>The server&apos;s certificate is not trusted.</translation>
    </message>
    <message>
        <source>The server no longer accepts this kiosk.</source>
        <translation>The server no longer accepts this kiosk.</translation>
    </message>
    <message>
        <source>The server asked the kiosk to wait; it tries again later.</source>
        <translation>The server asked the kiosk to wait; it tries again later.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>The server refused the request.</translation>
    </message>
    <message>
        <source>The server had a problem; the kiosk tries again later.</source>
        <translation>The server had a problem; the kiosk tries again later.</translation>
    </message>
    <message>
        <source>The kiosk cannot write its database; free some disk space.</source>
        <translation>The kiosk cannot write its database; free some disk space.</translation>
    </message>
    <message>
        <source>The device token cannot be read; unpair and pair again.</source>
        <translation>The device token cannot be read; unpair and pair again.</translation>
    </message>
    <message>
        <source>This kiosk is not paired.</source>
        <translation>This kiosk is not paired.</translation>
    </message>
    <message>
        <source>The last sync failed; the kiosk tries again.</source>
        <translation>The last sync failed; the kiosk tries again.</translation>
    </message>
</context>
<context>
    <name>SyncBox</name>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Syncing with the server…</translation>
    </message>
    <message>
        <source>Still waiting for the server; the kiosk keeps trying.</source>
        <translation>Still waiting for the server; the kiosk keeps trying.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) sent</source>
        <translation>
            <numerusform>%n check-in sent</numerusform>
            <numerusform>%n check-ins sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n used elsewhere first</source>
        <translation>
            <numerusform>%n used elsewhere first</numerusform>
            <numerusform>%n used elsewhere first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced at %1.</source>
        <translation>Synced at %1.</translation>
    </message>
</context>
<context>
    <name>UnpairedScreen</name>
    <message>
        <source>This kiosk is not connected</source>
        <translation>This kiosk is not connected</translation>
    </message>
    <message>
        <source>Check-in is not available here right now. Please see reception.</source>
        <translation>Check-in is not available here right now. Please see reception.</translation>
    </message>
    <message>
        <source>For staff: the server removed this kiosk. Visitor names were deleted; check-ins not yet sent are kept on the kiosk and can be saved with “atrium-kiosk export-queue FILE”.</source>
        <translation>For staff: the server removed this kiosk. Visitor names were deleted; check-ins not yet sent are kept on the kiosk and can be saved with “atrium-kiosk export-queue FILE”.</translation>
    </message>
    <message>
        <source>Set up this kiosk again</source>
        <translation>Set up this kiosk again</translation>
    </message>
</context>
<context>
    <name>VerdictScreen</name>
    <message>
        <source>Touch the screen to continue</source>
        <translation>Touch the screen to continue</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Check-in not possible</source>
        <translation>Check-in not possible</translation>
    </message>
    <message>
        <source>This kiosk cannot record check-ins right now. Please see reception.</source>
        <translation>This kiosk cannot record check-ins right now. Please see reception.</translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <source>Welcome!</source>
        <translation>Welcome!</translation>
    </message>
    <message>
        <source>You are checked in.</source>
        <translation>You are checked in.</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Already checked in</translation>
    </message>
    <message>
        <source>This code has already been used to check in.</source>
        <translation>This code has already been used to check in.</translation>
    </message>
    <message>
        <source>Code expired</source>
        <translation>Code expired</translation>
    </message>
    <message>
        <source>This code has expired. Please see reception.</source>
        <translation>This code has expired. Please see reception.</translation>
    </message>
    <message>
        <source>Not valid yet</source>
        <translation>Not valid yet</translation>
    </message>
    <message>
        <source>This code is not valid yet. Please see reception.</source>
        <translation>This code is not valid yet. Please see reception.</translation>
    </message>
    <message>
        <source>Visit cancelled</source>
        <translation>Visit cancelled</translation>
    </message>
    <message>
        <source>This visit has been cancelled. Please see reception.</source>
        <translation>This visit has been cancelled. Please see reception.</translation>
    </message>
    <message>
        <source>Another site</source>
        <translation>Another site</translation>
    </message>
    <message>
        <source>This code is for another site. Please see reception.</source>
        <translation>This code is for another site. Please see reception.</translation>
    </message>
    <message>
        <source>Another building</source>
        <translation>Another building</translation>
    </message>
    <message>
        <source>This code is not for this building. Please see reception.</source>
        <translation>This code is not for this building. Please see reception.</translation>
    </message>
    <message>
        <source>Code cannot be checked</source>
        <translation>Code cannot be checked</translation>
    </message>
    <message>
        <source>This code cannot be checked here. Please see reception.</source>
        <translation>This code cannot be checked here. Please see reception.</translation>
    </message>
    <message>
        <source>Code not valid</source>
        <translation>Code not valid</translation>
    </message>
    <message>
        <source>This code is not valid. Please see reception.</source>
        <translation>This code is not valid. Please see reception.</translation>
    </message>
    <message>
        <source>Please try again</source>
        <translation>Please try again</translation>
    </message>
    <message>
        <source>Hold the code still, a little further from the camera.</source>
        <translation>Hold the code still, a little further from the camera.</translation>
    </message>
    <message>
        <source>Not an Atrium code</source>
        <translation>Not an Atrium code</translation>
    </message>
    <message>
        <source>Please show the visitor code from your invitation.</source>
        <translation>Please show the visitor code from your invitation.</translation>
    </message>
    <message>
        <source>Kiosk not set up</source>
        <translation>Kiosk not set up</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet. Please see reception.</source>
        <translation>This kiosk is not set up yet. Please see reception.</translation>
    </message>
    <message>
        <source>Kiosk offline too long</source>
        <translation>Kiosk offline too long</translation>
    </message>
    <message>
        <source>This kiosk cannot check codes until it has reached the server again. Please see reception.</source>
        <translation>This kiosk cannot check codes until it has reached the server again. Please see reception.</translation>
    </message>
    <message>
        <source>Documents to sign</source>
        <translation>Documents to sign</translation>
    </message>
    <message>
        <source>Please read and sign this site&apos;s documents on the kiosk screen first.</source>
        <translation>Please read and sign this site&apos;s documents on the kiosk screen first.</translation>
    </message>
    <message>
        <source>Goodbye!</source>
        <translation>Goodbye!</translation>
    </message>
    <message>
        <source>Thank you for visiting.</source>
        <translation>Thank you for visiting.</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <source>This code has not been used to check in. Please see reception.</source>
        <translation>This code has not been used to check in. Please see reception.</translation>
    </message>
    <message>
        <source>Already checked out</source>
        <translation>Already checked out</translation>
    </message>
    <message>
        <source>You have already checked out.</source>
        <translation>You have already checked out.</translation>
    </message>
    <message>
        <source>This code is valid from {time}. Please see reception.</source>
        <translation>This code is valid from {time}. Please see reception.</translation>
    </message>
    <message>
        <source>This code is valid from {time} on {date}. Please see reception.</source>
        <translation>This code is valid from {time} on {date}. Please see reception.</translation>
    </message>
    <message>
        <source>This code was valid until {time}. Please see reception.</source>
        <translation>This code was valid until {time}. Please see reception.</translation>
    </message>
    <message>
        <source>This code was valid until {time} on {date}. Please see reception.</source>
        <translation>This code was valid until {time} on {date}. Please see reception.</translation>
    </message>
    <message>
        <source>You checked in here at {time}.</source>
        <translation>You checked in here at {time}.</translation>
    </message>
    <message>
        <source>You checked in here at {time} on {date}.</source>
        <translation>You checked in here at {time} on {date}.</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>Welcome, {name}!</translation>
    </message>
    <message>
        <source>Goodbye, {name}!</source>
        <translation>Goodbye, {name}!</translation>
    </message>
    <message>
        <source>Leaving? Tap Check out.</source>
        <translation>Leaving? Tap Check out.</translation>
    </message>
    <message>
        <source>Your host: {name}</source>
        <translation>Your host: {name}</translation>
    </message>
    <message>
        <source>For staff: the kiosk&apos;s keys and cancellations are out of date. Connect it to the network; it syncs by itself (or use Sync now in the admin panel).</source>
        <translation>For staff: the kiosk&apos;s keys and cancellations are out of date. Connect it to the network; it syncs by itself (or use Sync now in the admin panel).</translation>
    </message>
    <message>
        <source>For staff: pair this kiosk with the Atrium server.</source>
        <translation>For staff: pair this kiosk with the Atrium server.</translation>
    </message>
    <message>
        <source>%H:%M</source>
        <translation>%H:%M</translation>
    </message>
    <message>
        <source>%d %b</source>
        <translation>%d %b</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Dec</translation>
    </message>
</context>
<context>
    <name>Visits</name>
    <message>
        <source>Please type your full name.</source>
        <translation>Please type your full name.</translation>
    </message>
    <message>
        <source>The company name is too long; please shorten it.</source>
        <translation>The company name is too long; please shorten it.</translation>
    </message>
    <message>
        <source>Please pick the person you are visiting from the list.</source>
        <translation>Please pick the person you are visiting from the list.</translation>
    </message>
    <message>
        <source>This site does not take visitors without a code. Please see reception.</source>
        <translation>This site does not take visitors without a code. Please see reception.</translation>
    </message>
    <message>
        <source>Please see reception.</source>
        <translation>Please see reception.</translation>
    </message>
    <message>
        <source>Thank you, {name}. {host} knows you are here.</source>
        <translation>Thank you, {name}. {host} knows you are here.</translation>
    </message>
    <message>
        <source>Thank you. {host} knows you are here.</source>
        <translation>Thank you. {host} knows you are here.</translation>
    </message>
    <message>
        <source>Please take a seat; reception will be with you shortly.</source>
        <translation>Please take a seat; reception will be with you shortly.</translation>
    </message>
</context>
<context>
    <name>WalkInDoneScreen</name>
    <message>
        <source>Touch the screen to continue</source>
        <translation>Touch the screen to continue</translation>
    </message>
    <message>
        <source>One moment, please…</source>
        <translation>One moment, please…</translation>
    </message>
    <message>
        <source>Check-in not possible</source>
        <translation>Check-in not possible</translation>
    </message>
    <message>
        <source>This kiosk cannot record check-ins right now. Please see reception.</source>
        <translation>This kiosk cannot record check-ins right now. Please see reception.</translation>
    </message>
</context>
<context>
    <name>WalkInNameScreen</name>
    <message>
        <source>Check in without a code</source>
        <translation>Check in without a code</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Company (optional)</source>
        <translation>Company (optional)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
</TS>
